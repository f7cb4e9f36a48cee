// Splits RouterOS script source into tokens, in one of two modes the parser asks for:
// - command mode, for command lines: a word runs to whitespace or one of `;()[]{}"=$`, so
//   `0.0.0.0/0`, `10.0.1.1%ether1`, `/ip/route/set` and `uplink:wan1` are single words, and a
//   newline or `;` ends the command;
// - expression mode, inside `( )`: operators (`=`, `!=`, `<`, `&&`, `+`, `.`...) stand on their
//   own and newlines are plain whitespace;
// - where mode, for `print where ...`: expression tokens, but a newline still ends the command.
// A backslash at the end of a line joins it to the next (help.mikrotik.com, Scripting: line joining).
import { type Position, syntaxError } from './errors';

export type Mode = 'command' | 'expression' | 'where';

export type TokenKind = 'word' | 'string' | 'variable' | 'operator' | 'open' | 'close' | 'end' | 'eof';

/** A piece of a string literal: text, `$name`, or the source of `$[command]` / `$(expression)`. */
export type StringPart =
  | string
  | { readonly kind: 'variable'; readonly name: string; readonly position: Position }
  | { readonly kind: 'source'; readonly open: '[' | '('; readonly start: number; readonly end: number };

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly position: Position;
  /** Offset just past the token. */
  readonly end: number;
  /** Whitespace came before it: `a=b` is one argument, `a =b` is not. */
  readonly spaced: boolean;
  readonly parts?: readonly StringPart[];
}

const COMMAND_STOPS = new Set([' ', '\t', '\r', '\n', ';', '(', ')', '[', ']', '{', '}', '"', '=', '$']);
const TWO_CHAR_OPERATORS = ['!=', '<=', '>=', '&&', '||'];
const ONE_CHAR_OPERATORS = '=<>!~+-*/.,';
const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  n: '\n',
  r: '\r',
  t: '\t',
  $: '$',
  '?': '?',
  _: ' ',
  a: '\x07',
  b: '\b',
  f: '\f',
  v: '\v',
};

export class Tokenizer {
  private readonly lineStarts: number[] = [0];

  constructor(
    readonly source: string,
    private offset = 0,
    /** Tokens stop here: the end of a `$[...]` inside a string. */
    private readonly limit = source.length,
  ) {
    for (let at = 0; at < source.length; at += 1) if (source[at] === '\n') this.lineStarts.push(at + 1);
  }

  position(offset: number = this.offset): Position {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { offset, line: low + 1, column: offset - this.lineStarts[low]! + 1 };
  }

  get at(): number {
    return this.offset;
  }

  peek(mode: Mode): Token {
    const saved = this.offset;
    const token = this.next(mode);
    this.offset = saved;
    return token;
  }

  next(mode: Mode): Token {
    const before = this.offset;
    this.skipSpace(mode);
    const spaced = this.offset > before;
    const start = this.offset;
    const token = (kind: TokenKind, text: string, parts?: StringPart[]): Token => ({
      kind,
      text,
      position: this.position(start),
      end: this.offset,
      spaced,
      parts,
    });
    if (this.offset >= this.limit) return token('eof', '');
    const char = this.source[this.offset]!;
    if (char === '\n' || char === ';') {
      this.offset += 1;
      return token('end', char);
    }
    if ('([{'.includes(char) || ')]}'.includes(char)) {
      this.offset += 1;
      return token('([{'.includes(char) ? 'open' : 'close', char);
    }
    if (char === '"') {
      const parts = this.string();
      return token('string', this.source.slice(start, this.offset), parts);
    }
    if (char === '$') {
      this.offset += 1;
      const name = this.name();
      if (name === '') throw syntaxError(this.position(start));
      return token('variable', name);
    }
    if (mode === 'command') {
      if (char === '=') {
        this.offset += 1;
        return token('operator', '=');
      }
      while (this.offset < this.limit && !COMMAND_STOPS.has(this.source[this.offset]!)) this.offset += 1;
      return token('word', this.source.slice(start, this.offset));
    }
    const pair = this.source.slice(this.offset, this.offset + 2);
    if (TWO_CHAR_OPERATORS.includes(pair)) {
      this.offset += 2;
      return token('operator', pair);
    }
    // `*1A` is an internal id; a multiplication needs spaces around its `*`.
    if (char === '*' && /[0-9A-Fa-f]/.test(this.source[this.offset + 1] ?? '')) {
      this.offset += 1;
      this.take(/[0-9A-Fa-f]/);
      return token('word', this.source.slice(start, this.offset));
    }
    if (ONE_CHAR_OPERATORS.includes(char)) {
      this.offset += 1;
      return token('operator', char);
    }
    // Numbers, times and addresses (`3`, `1s`, `10.0.0.0/8`); a `-` after them is a minus.
    if (/[0-9]/.test(char)) {
      this.take(/[0-9A-Za-z.:/%]/);
      return token('word', this.source.slice(start, this.offset));
    }
    // Names and words (`dst-address`, `ether1`, `uplink:wan1`, `true`).
    if (/[A-Za-z_]/.test(char)) {
      this.take(/[A-Za-z0-9_\-.:%@]/);
      return token('word', this.source.slice(start, this.offset));
    }
    throw syntaxError(this.position(start));
  }

  /** A `#` comment, where a command may start: skipped to the end of its line. */
  skipComment(): void {
    this.skipSpace('command');
    if (this.source[this.offset] !== '#') return;
    while (this.offset < this.limit && this.source[this.offset] !== '\n') this.offset += 1;
  }

  private take(allowed: RegExp): void {
    while (this.offset < this.limit && allowed.test(this.source[this.offset]!)) this.offset += 1;
  }

  private skipSpace(mode: Mode): void {
    while (this.offset < this.limit) {
      const char = this.source[this.offset]!;
      if (char === ' ' || char === '\t' || char === '\r' || (mode === 'expression' && char === '\n')) {
        this.offset += 1;
      } else if (char === '\\' && /^\\\r?\n/.test(this.source.slice(this.offset, this.offset + 3))) {
        this.offset += this.source[this.offset + 1] === '\r' ? 3 : 2;
      } else {
        return;
      }
    }
  }

  private name(): string {
    const start = this.offset;
    this.take(/[A-Za-z0-9_]/);
    return this.source.slice(start, this.offset);
  }

  /** A string literal with its escapes, `$variables` and `$[...]`/`$(...)` pieces. */
  private string(): StringPart[] {
    const start = this.offset;
    this.offset += 1;
    const parts: StringPart[] = [];
    let text = '';
    while (true) {
      if (this.offset >= this.limit) throw syntaxError(this.position(start));
      const char = this.source[this.offset]!;
      if (char === '"') {
        this.offset += 1;
        break;
      }
      if (char === '\\') {
        const next = this.source[this.offset + 1] ?? '';
        const hex = this.source.slice(this.offset + 1, this.offset + 3);
        if (next === '\n' || (next === '\r' && this.source[this.offset + 2] === '\n')) {
          this.offset += next === '\r' ? 3 : 2;
        } else if (/^[0-9A-F]{2}$/.test(hex)) {
          // `\48\45` is hex, in capitals; `\a`, `\b`... are control characters.
          text += String.fromCharCode(Number.parseInt(hex, 16));
          this.offset += 3;
        } else if (ESCAPES[next] !== undefined) {
          text += ESCAPES[next];
          this.offset += 2;
        } else {
          throw syntaxError(this.position(this.offset));
        }
        continue;
      }
      if (char === '$') {
        const open = this.source[this.offset + 1];
        if (open === '[' || open === '(') {
          if (text) parts.push(text);
          text = '';
          const end = this.matching(this.offset + 1);
          parts.push({ kind: 'source', open, start: this.offset + 2, end });
          this.offset = end + 1;
          continue;
        }
        const position = this.position();
        this.offset += 1;
        const name = this.name();
        if (name !== '') {
          if (text) parts.push(text);
          text = '';
          parts.push({ kind: 'variable', name, position });
          continue;
        }
        text += '$';
        continue;
      }
      text += char;
      this.offset += 1;
    }
    if (text || parts.length === 0) parts.push(text);
    return parts;
  }

  /** The offset of the bracket closing the one at `open`, past nested brackets and strings. */
  private matching(open: number): number {
    const closers: string[] = [];
    for (let at = open; at < this.limit; at += 1) {
      const char = this.source[at]!;
      if (char === '"') {
        for (at += 1; at < this.limit && this.source[at] !== '"'; at += 1)
          if (this.source[at] === '\\') at += 1;
      } else if (char === '[' || char === '(' || char === '{') {
        closers.push(char === '[' ? ']' : char === '(' ? ')' : '}');
      } else if (char === closers.at(-1)) {
        closers.pop();
        if (closers.length === 0) return at;
      }
    }
    throw syntaxError(this.position(open));
  }
}
