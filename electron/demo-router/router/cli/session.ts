// One console: the SSH shell's, or an SSH `exec`'s single line. It keeps the current menu (for the
// prompt and relative commands) and the numbers the last print handed out.
import { RouterTrap } from '../../command';
import { ScriptError } from '../script/errors';
import type { ConsoleState, Interpreter } from '../script/interpreter';

export class ConsoleSession {
  private readonly state: ConsoleState = { menu: '', numbers: new Map() };
  private running: AbortController | undefined;

  constructor(
    private readonly interpreter: Interpreter,
    readonly user: string,
    private readonly identity: () => string,
    /** Terminal columns, from the SSH pty; 80 without one. */
    public width = 80,
    private readonly onInternalError: (error: unknown) => void = () => undefined,
  ) {}

  /** `[admin@MikroTik] > `, or `[admin@MikroTik] /ip/route> ` inside a menu. */
  prompt(): string {
    return `[${this.user}@${this.identity()}] ${this.state.menu}> `;
  }

  /** Runs a command line, writing its output and, if it fails, the error as RouterOS words it. */
  async run(line: string, write: (text: string) => undefined | Promise<void>): Promise<void> {
    const controller = new AbortController();
    this.running = controller;
    try {
      await this.interpreter.run(line, {
        user: this.user,
        output: write,
        console: this.state,
        width: this.width,
        signal: controller.signal,
      });
    } catch (error) {
      if (!(error instanceof RouterTrap || error instanceof ScriptError)) this.onInternalError(error);
      await write(`${error instanceof Error ? error.message : String(error)}\n`);
    } finally {
      if (this.running === controller) this.running = undefined;
    }
  }

  /** Ctrl-C: stops a running print, ping or `:delay`. */
  interrupt(): boolean {
    if (!this.running) return false;
    this.running.abort();
    return true;
  }
}
