// Errors a script stops on, worded as the RouterOS console prints them: `syntax error (line 1
// column 5)`, `bad command name foo (line 1 column 1)`, `expected end of command (line 1 column 9)`.
// Traps from the commands a script runs (`no such item`, `failure: ...`) pass through unchanged.

export interface Position {
  readonly offset: number;
  /** 1-based, as RouterOS counts. */
  readonly line: number;
  readonly column: number;
}

export class ScriptError extends Error {
  constructor(what: string, position?: Position) {
    super(position ? `${what} (line ${position.line} column ${position.column})` : what);
    this.name = 'ScriptError';
  }
}

export const syntaxError = (position: Position) => new ScriptError('syntax error', position);
export const badCommandName = (name: string, position: Position) =>
  new ScriptError(`bad command name ${name}`, position);
export const expectedEnd = (position: Position) => new ScriptError('expected end of command', position);
