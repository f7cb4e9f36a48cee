// Turns script source into statements, resolving each command against the router's command tree:
// `/ip route set`, `/ip/route/set` and, from `/ip`, `route set` all name the same command, and
// menus and commands may be abbreviated to any unambiguous prefix (`ip ro pr`). Errors carry the
// line and column RouterOS reports.
import type { Argument, BinaryOperator, Expr, Statement } from './ast';
import { badCommandName, expectedEnd, type Position, syntaxError } from './errors';
import { type Mode, type Token, Tokenizer } from './tokenizer';

/** How a command takes its arguments. */
export interface CommandShape {
  /** Arguments given without a name, in order. */
  readonly unnamed: readonly string[];
  /** Arguments given without a value. */
  readonly flags: readonly string[];
  /**
   * Takes a condition on the items: after the word `where` (print), or as its arguments, `where`
   * optional (`find comment="x"`, `find where !dynamic`).
   */
  readonly where?: 'keyword' | 'arguments';
}

export interface CommandTree {
  submenus(menu: string): string[];
  commands(menu: string): string[];
  shape(menu: string, command: string): CommandShape | undefined;
}

interface BuiltinShape extends CommandShape {
  /** The first unnamed argument is a name, not a value (`:local x 1`, `:log info ...`). */
  readonly rawName?: boolean;
  /** Named arguments that are code (`do={...}`). */
  readonly blocks?: readonly string[];
  /** The first unnamed argument is code (`:do {...}`). */
  readonly blockFirst?: boolean;
}

const valueOnly = (name: string): BuiltinShape => ({ unnamed: [name], flags: [] });

/** The console commands scripts use (help.mikrotik.com, Scripting → Global commands). */
export const BUILTINS: Readonly<Record<string, BuiltinShape>> = {
  put: valueOnly('message'),
  delay: valueOnly('delay-time'),
  len: valueOnly('value'),
  typeof: valueOnly('value'),
  tostr: valueOnly('value'),
  tonum: valueOnly('value'),
  return: valueOnly('value'),
  local: { unnamed: ['name', 'value'], flags: [], rawName: true },
  global: { unnamed: ['name', 'value'], flags: [], rawName: true },
  set: { unnamed: ['name', 'value'], flags: [], rawName: true },
  log: { unnamed: ['topic', 'message'], flags: [], rawName: true },
  if: { unnamed: ['condition'], flags: [], blocks: ['do', 'else'] },
  do: { unnamed: ['command'], flags: [], blocks: ['on-error'], blockFirst: true },
  foreach: { unnamed: ['counter'], flags: [], rawName: true, blocks: ['do'] },
};

const COMPARISONS = new Set(['=', '!=', '<', '>', '<=', '>=', '~']);

export interface ParsedScript {
  readonly statements: readonly Statement[];
  /** The menu the script ends in: an interactive console stays there. */
  readonly menu: string;
}

export function parseScript(source: string, tree: CommandTree, menu = ''): ParsedScript {
  return new Parser(new Tokenizer(source), tree).statements(menu, undefined);
}

class Parser {
  constructor(
    private readonly tokens: Tokenizer,
    private readonly tree: CommandTree,
  ) {}

  statements(menu: string, closer: string | undefined): ParsedScript {
    const statements: Statement[] = [];
    let current = menu;
    while (true) {
      this.tokens.skipComment();
      const token = this.tokens.peek('command');
      if (token.kind === 'eof') {
        if (closer) throw syntaxError(token.position);
        break;
      }
      if (token.kind === 'close') {
        if (token.text !== closer) throw syntaxError(token.position);
        break;
      }
      if (token.kind === 'end') {
        this.tokens.next('command');
        continue;
      }
      const statement = this.statement(current);
      statements.push(statement);
      if (statement.kind === 'menu') current = statement.menu;
      const after = this.tokens.peek('command');
      if (
        after.kind !== 'end' &&
        after.kind !== 'eof' &&
        !(after.kind === 'close' && after.text === closer)
      ) {
        throw expectedEnd(after.position);
      }
    }
    return { statements, menu: current };
  }

  private statement(menu: string): Statement {
    const first = this.tokens.next('command');
    if (first.kind !== 'word') throw syntaxError(first.position);
    if (first.text.startsWith(':'))
      return this.builtin(menu, first.text.slice(1), first.position, first.position);
    let current = first.text.startsWith('/') ? '' : menu;
    const resolve = (word: string, position: Position): Statement | undefined => {
      if (word === '' || word === '.') return undefined;
      if (word === '..') {
        current = current.slice(0, Math.max(current.lastIndexOf('/'), 0));
        return undefined;
      }
      const found = this.resolveWord(current, word);
      if (found?.kind === 'menu') {
        current = found.path;
        return undefined;
      }
      if (found?.kind === 'command') return this.command(current, found.name, position);
      if (current === '' && BUILTINS[word]) return this.builtin(menu, word, position, first.position);
      throw badCommandName(word, position);
    };
    // `/ip/route/set` is one word: walk its pieces, each with its own column for errors.
    let offset = 0;
    for (const piece of first.text.split('/')) {
      const position = this.shift(first.position, offset);
      offset += piece.length + 1;
      const statement = resolve(piece, position);
      if (statement) {
        if (offset < first.text.length)
          throw badCommandName(first.text.slice(offset), this.shift(first.position, offset));
        return statement;
      }
    }
    // `/ip route print`: the path goes on in the following words.
    while (true) {
      const next = this.tokens.peek('command');
      if (next.kind !== 'word') return { kind: 'menu', menu: current, position: first.position };
      this.tokens.next('command');
      const statement = resolve(next.text, next.position);
      if (statement) return statement;
    }
  }

  private resolveWord(
    menu: string,
    word: string,
  ): { kind: 'menu'; path: string } | { kind: 'command'; name: string } | undefined {
    const menus = this.tree.submenus(menu);
    const commands = this.tree.commands(menu);
    if (menus.includes(word)) return { kind: 'menu', path: `${menu}/${word}` };
    if (commands.includes(word)) return { kind: 'command', name: word };
    const candidates = [
      ...menus
        .filter((name) => name.startsWith(word))
        .map((name) => ({ kind: 'menu' as const, path: `${menu}/${name}` })),
      ...commands.filter((name) => name.startsWith(word)).map((name) => ({ kind: 'command' as const, name })),
    ];
    return candidates.length === 1 ? candidates[0] : undefined;
  }

  private shift(position: Position, by: number): Position {
    return this.tokens.position(position.offset + by);
  }

  private command(menu: string, command: string, position: Position): Statement {
    const shape = this.tree.shape(menu, command)!;
    const { args, where } = this.arguments(menu, shape, 'block');
    return { kind: 'command', menu, command, args, where, position };
  }

  /** A console command; commands inside its arguments (`:put [get 0 distance]`) run in `menu`. */
  private builtin(menu: string, name: string, namePosition: Position, position: Position): Statement {
    const shape = BUILTINS[name];
    if (!shape) throw badCommandName(`:${name}`, namePosition);
    return { kind: 'builtin', name, args: this.arguments(menu, shape, 'array').args, position };
  }

  private arguments(
    menu: string,
    shape: BuiltinShape,
    braces: 'block' | 'array',
  ): { args: Argument[]; where: Expr | undefined } {
    const args: Argument[] = [];
    let unnamed = 0;
    while (true) {
      const token = this.tokens.peek('command');
      if (token.kind === 'end' || token.kind === 'eof' || token.kind === 'close')
        return { args, where: undefined };
      if (shape.where && token.kind === 'word' && token.text === 'where') {
        this.tokens.next('command');
        return { args, where: this.expression(menu, 'where') };
      }
      if (shape.where === 'arguments') return { args, where: this.expression(menu, 'where') };
      if (token.kind === 'word' && this.namedFollows(token)) {
        this.tokens.next('command');
        this.tokens.next('command');
        const value = this.value(menu, shape.blocks?.includes(token.text) ? 'block' : braces, true);
        args.push({ name: token.text, value, position: token.position });
        continue;
      }
      if (token.kind === 'word' && shape.flags.includes(token.text)) {
        this.tokens.next('command');
        args.push({ name: token.text, value: undefined, position: token.position });
        continue;
      }
      const name = shape.unnamed[unnamed];
      if (name === undefined) throw expectedEnd(token.position);
      const value =
        unnamed === 0 && shape.rawName && token.kind === 'word'
          ? this.rawWord()
          : this.value(menu, unnamed === 0 && shape.blockFirst ? 'block' : braces, false);
      unnamed += 1;
      args.push({ name, value, position: token.position });
    }
  }

  /** `name=` right after a word, with no space between: a named argument. */
  private namedFollows(token: Token): boolean {
    return this.tokens.source[token.end] === '=';
  }

  private rawWord(): Expr {
    const token = this.tokens.next('command');
    return { kind: 'word', text: token.text, position: token.position };
  }

  /** One argument value: adjacent parts (`$gw%ether1`) join into one; `name=` alone is empty. */
  private value(menu: string, braces: 'block' | 'array', mayBeEmpty: boolean): Expr {
    const first = this.tokens.peek('command');
    if (
      mayBeEmpty &&
      (first.spaced || first.kind === 'end' || first.kind === 'eof' || first.kind === 'close')
    ) {
      return { kind: 'literal', value: '', position: first.position };
    }
    const parts = [this.part(menu, braces)];
    while (true) {
      const next = this.tokens.peek('command');
      if (next.spaced || !['word', 'string', 'variable', 'open'].includes(next.kind)) break;
      parts.push(this.part(menu, braces));
    }
    return parts.length === 1 ? parts[0]! : { kind: 'concat', parts, position: first.position };
  }

  private part(menu: string, braces: 'block' | 'array'): Expr {
    const token = this.tokens.next('command');
    switch (token.kind) {
      case 'word':
        return { kind: 'word', text: token.text, position: token.position };
      case 'string':
        return this.string(token, menu);
      case 'variable':
        return { kind: 'variable', name: token.text, position: token.position };
      case 'open':
        return this.bracketed(token, menu, braces);
      default:
        throw syntaxError(token.position);
    }
  }

  private bracketed(open: Token, menu: string, braces: 'block' | 'array'): Expr {
    if (open.text === '[') {
      const { statements } = this.statements(menu, ']');
      this.tokens.next('command');
      return { kind: 'substitution', body: statements, position: open.position };
    }
    if (open.text === '(') {
      const expression = this.expression(menu, 'expression');
      this.close(')');
      return expression;
    }
    if (braces === 'array') return this.array(open, menu);
    const start = this.tokens.at;
    const { statements } = this.statements(menu, '}');
    const source = this.tokens.source.slice(start, this.tokens.at).trim();
    this.tokens.next('command');
    return { kind: 'block', source, body: statements, position: open.position };
  }

  /** `{1;2;3}`, `{a=1;b="x"}`, `{"a","b"}`. */
  private array(open: Token, menu: string): Expr {
    const entries: { key?: string; value: Expr }[] = [];
    while (true) {
      const token = this.tokens.peek('command');
      if (token.kind === 'close' && token.text === '}') {
        this.tokens.next('command');
        return { kind: 'array', entries, position: open.position };
      }
      if (token.kind === 'end') {
        this.tokens.next('command');
        continue;
      }
      if (token.kind === 'eof') throw syntaxError(open.position);
      if (token.kind === 'word' && this.namedFollows(token)) {
        this.tokens.next('command');
        this.tokens.next('command');
        entries.push({ key: token.text, value: this.value(menu, 'array', true) });
        continue;
      }
      const value = this.value(menu, 'array', false);
      if (value.kind === 'word' && value.text.includes(',')) {
        for (const text of value.text.split(','))
          entries.push({ value: { kind: 'word', text, position: value.position } });
      } else {
        entries.push({ value });
      }
    }
  }

  private close(text: string): void {
    const token = this.tokens.next('expression');
    if (token.kind !== 'close' || token.text !== text) throw syntaxError(token.position);
  }

  private string(token: Token, menu: string): Expr {
    const parts = (token.parts ?? []).map((part): string | Expr => {
      if (typeof part === 'string') return part;
      if (part.kind === 'variable') return { kind: 'variable', name: part.name, position: part.position };
      const inner = new Parser(new Tokenizer(this.tokens.source, part.start, part.end), this.tree);
      if (part.open === '[') {
        return {
          kind: 'substitution',
          body: inner.statements(menu, undefined).statements,
          position: token.position,
        };
      }
      return inner.expression(menu, 'expression');
    });
    return { kind: 'string', parts, position: token.position };
  }

  // Expressions, loosest first: || and && !, comparisons, `.`, + -, * /, unary minus.
  private expression(menu: string, mode: Mode): Expr {
    return this.or(menu, mode);
  }

  private or(menu: string, mode: Mode): Expr {
    let left = this.and(menu, mode);
    while (this.operatorIs(mode, '||', 'or')) {
      const token = this.tokens.next(mode);
      left = { kind: 'binary', operator: '||', left, right: this.and(menu, mode), position: token.position };
    }
    return left;
  }

  private and(menu: string, mode: Mode): Expr {
    let left = this.not(menu, mode);
    while (this.operatorIs(mode, '&&', 'and')) {
      const token = this.tokens.next(mode);
      left = { kind: 'binary', operator: '&&', left, right: this.not(menu, mode), position: token.position };
    }
    return left;
  }

  private not(menu: string, mode: Mode): Expr {
    if (this.operatorIs(mode, '!', 'not')) {
      const token = this.tokens.next(mode);
      return { kind: 'unary', operator: '!', operand: this.not(menu, mode), position: token.position };
    }
    return this.comparison(menu, mode);
  }

  private comparison(menu: string, mode: Mode): Expr {
    // In `where`, a bare word on the left is a property of the item; on the right, a value.
    const left = this.concat(menu, mode, mode === 'where');
    const token = this.tokens.peek(mode);
    const operator =
      token.kind === 'operator' && COMPARISONS.has(token.text)
        ? (token.text as BinaryOperator)
        : token.kind === 'word' && token.text === 'in'
          ? 'in'
          : undefined;
    if (!operator) return left;
    this.tokens.next(mode);
    return {
      kind: 'binary',
      operator,
      left,
      right: this.concat(menu, mode, false),
      position: token.position,
    };
  }

  private concat(menu: string, mode: Mode, property: boolean): Expr {
    let left = this.additive(menu, mode, property);
    while (this.operatorIs(mode, '.')) {
      const token = this.tokens.next(mode);
      left = {
        kind: 'binary',
        operator: '.',
        left,
        right: this.additive(menu, mode, false),
        position: token.position,
      };
    }
    return left;
  }

  private additive(menu: string, mode: Mode, property: boolean): Expr {
    let left = this.multiplicative(menu, mode, property);
    while (this.operatorIs(mode, '+') || this.operatorIs(mode, '-')) {
      const token = this.tokens.next(mode);
      const operator = token.text as '+' | '-';
      left = {
        kind: 'binary',
        operator,
        left,
        right: this.multiplicative(menu, mode, false),
        position: token.position,
      };
    }
    return left;
  }

  private multiplicative(menu: string, mode: Mode, property: boolean): Expr {
    let left = this.unary(menu, mode, property);
    while (this.operatorIs(mode, '*') || this.operatorIs(mode, '/')) {
      const token = this.tokens.next(mode);
      const operator = token.text as '*' | '/';
      left = {
        kind: 'binary',
        operator,
        left,
        right: this.unary(menu, mode, false),
        position: token.position,
      };
    }
    return left;
  }

  private unary(menu: string, mode: Mode, property: boolean): Expr {
    if (this.operatorIs(mode, '-')) {
      const token = this.tokens.next(mode);
      return {
        kind: 'unary',
        operator: '-',
        operand: this.unary(menu, mode, false),
        position: token.position,
      };
    }
    return this.primary(menu, mode, property);
  }

  private primary(menu: string, mode: Mode, property: boolean): Expr {
    const token = this.tokens.next(mode);
    switch (token.kind) {
      case 'word':
        return property
          ? { kind: 'property', name: token.text, position: token.position }
          : { kind: 'word', text: token.text, position: token.position };
      case 'string':
        return this.string(token, menu);
      case 'variable':
        return { kind: 'variable', name: token.text, position: token.position };
      case 'open':
        if (token.text === '(') {
          const inner = this.expression(menu, mode === 'where' ? 'where' : 'expression');
          this.close(')');
          return inner;
        }
        return this.bracketed(token, menu, 'array');
      default:
        throw syntaxError(token.position);
    }
  }

  private operatorIs(mode: Mode, symbol: string, keyword?: string): boolean {
    const token = this.tokens.peek(mode);
    return (
      (token.kind === 'operator' && token.text === symbol) ||
      (keyword !== undefined && token.kind === 'word' && token.text === keyword)
    );
  }
}
