// The interactive console an SSH `shell` gets: RouterOS's banner, the `[admin@MikroTik] > ` prompt,
// one command line at a time; keystrokes typed while a command runs wait for the next prompt.
import type { ServerChannel } from 'ssh2';
import type { ConsoleSession } from '../router/cli/session';
import { ROUTEROS_VERSION } from '../router/system/resource';
import { LineEditor } from './line-editor';

const BANNER = [
  '',
  '',
  '  MMM      MMM       KKK                          TTTTTTTTTTT      KKK',
  '  MMMM    MMMM       KKK                          TTTTTTTTTTT      KKK',
  '  MMM MMMM MMM  III  KKK  KKK  RRRRRR     OOOOOO      TTT     III  KKK  KKK',
  '  MMM  MM  MMM  III  KKKKK     RRR  RRR  OOO  OOO     TTT     III  KKKKK',
  '  MMM      MMM  III  KKK KKK   RRRRRR    OOO  OOO     TTT     III  KKK KKK',
  '  MMM      MMM  III  KKK  KKK  RRR  RRR   OOOOOO      TTT     III  KKK  KKK',
  '',
  `  MikroTik RouterOS ${ROUTEROS_VERSION.split(' ')[0]} (c) 1999-2025       https://www.mikrotik.com/`,
  '',
  'Press F1 for help',
  '',
].join('\n');

/**
 * Terminal output: the console writes `\n`, a terminal wants `\r\n`, every one of them (a value's
 * own `\r\n` goes out as `\r\r\n`, so a reader can undo it exactly); waits when the channel is
 * full. The router's strings are bytes, one latin1 character each (as its API carries them), and
 * go out as those bytes.
 */
export function terminalWriter(channel: ServerChannel): (text: string) => undefined | Promise<void> {
  return (text) => {
    if (channel.destroyed) return undefined;
    if (channel.write(Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1'))) return undefined;
    return new Promise<void>((resolve) => {
      channel.once('drain', () => resolve());
      channel.once('close', () => resolve());
    });
  };
}

export function runShell(session: ConsoleSession, channel: ServerChannel): void {
  const editor = new LineEditor();
  const write = terminalWriter(channel);
  const pending: string[] = [];
  let busy = false;
  let closed = false;

  const quit = () => {
    if (closed) return;
    closed = true;
    channel.exit(0);
    channel.end();
  };

  const runNext = async () => {
    while (!busy && !closed && pending.length > 0) {
      const line = pending.shift()!;
      if (/^\s*\/?quit\s*$/.test(line)) {
        quit();
        return;
      }
      busy = true;
      if (line.trim() !== '') await session.run(line, write);
      busy = false;
      if (!closed) write(session.prompt());
    }
  };

  channel.on('data', (chunk: Buffer) => {
    for (const event of editor.feed(chunk.toString('latin1'))) {
      if (event.kind === 'echo') write(event.text);
      else if (event.kind === 'line') pending.push(event.text);
      else if (event.kind === 'quit') quit();
      else if (!session.interrupt() && !busy) write(`\n${session.prompt()}`);
    }
    void runNext();
  });
  channel.on('close', () => {
    closed = true;
    session.interrupt();
  });
  write(`${BANNER}\n${session.prompt()}`);
}

/** `ssh router '/ip route print'`: runs the one line, writes its output, exits 0. */
export async function runExec(
  session: ConsoleSession,
  channel: ServerChannel,
  command: string,
): Promise<void> {
  channel.on('close', () => session.interrupt());
  await session.run(command, terminalWriter(channel));
  if (channel.destroyed) return;
  channel.exit(0);
  channel.end();
}
