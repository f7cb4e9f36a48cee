import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface WebApp {
  /** The address Uplink printed, token included. */
  url: string;
  origin: string;
  profileDir: string;
  /** The web-mode process: main, as benchmarks measure it. */
  pid: number;
  /** Everything the process printed, for assertions on what it says. */
  output(): string;
  stop(): Promise<void>;
  /** SIGKILL, as a crash or a power cut ends it: nothing gets to finish; the profile stays. */
  kill(): Promise<void>;
}

const root = join(__dirname, '../..');
// Side-by-side work builds into folders of its own (electron-vite build --outDir …) so runs don't clash.
const outDir = process.env.UPLINK_OUT_DIR ?? 'out';

/**
 * Starts the built app in web mode as a user would (`node out/main/web.js`), with a fresh profile
 * unless one is given, and waits for its `Uplink UI: ` line.
 */
export async function startWebApp(
  options: { profileDir?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<WebApp> {
  const ownProfile = options.profileDir === undefined;
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'uplink-e2e-'));
  const child = spawn(
    process.execPath,
    [join(root, outDir, 'main/web.js'), '--port', '0', '--profile', profileDir],
    {
      cwd: root,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web mode did not start:\n${output}`)), 15_000);
    child.stdout.on('data', () => {
      const match = /^Uplink UI: (\S+)$/m.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`web mode exited with ${code}:\n${output}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    profileDir,
    pid: child.pid ?? 0,
    output: () => output,
    stop: async () => {
      await stopChild(child);
      if (ownProfile) rmSync(profileDir, { recursive: true, force: true });
    },
    kill: () => stopChild(child, 'SIGKILL'),
  };
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
