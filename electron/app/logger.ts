export interface Logger {
  info(message: string, detail?: unknown): void;
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

/**
 * Main's log. Services log events, never request arguments wholesale: secrets must not reach a log,
 * and the only way they could is by logging an object that carries one.
 */
export function createLogger(
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const log = (level: string) => (message: string, detail?: unknown) => {
    const suffix =
      detail instanceof Error
        ? ` ${detail.stack ?? detail.message}`
        : detail === undefined
          ? ''
          : ` ${String(detail)}`;
    write(`${new Date().toISOString()} ${level} ${message}${suffix}`);
  };
  return { info: log('info'), warn: log('warn'), error: log('error') };
}
