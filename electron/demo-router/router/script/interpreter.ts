// Runs RouterOS scripts: the scheduler's `on-event`, `/system/script/run`, the API's `/execute`
// and every line typed into the SSH console. Menu commands go to the router through the same
// execute() the API uses; `print`, `find` and `get` read the menu's print rows, and `print where`
// and `find where` filter them with one predicate.

import { parseDuration as readDuration } from '../../../../shared/routeros/duration';
import type { Attrs, CommandResult, RouterTrap, StreamSink } from '../../command';
import { detailLines, type NumberedRow, propertyLines, tableLines, terseLines } from '../cli/format';
import { viewOf } from '../cli/views';
import { formatId, readId } from '../ids';
import { type CommandRegistry, noSuchItem, UnknownParameter } from '../registry';
import type { Argument, Expr, Statement } from './ast';
import { expectedEnd, ScriptError } from './errors';
import { apply, truthy } from './operators';
import { type CommandShape, type CommandTree, parseScript } from './parser';
import { ItemId, RosArray, toArgument, toText, typeOf, type Value } from './values';

export interface InterpreterHost {
  readonly registry: CommandRegistry;
  /** `:global` variables: shared by every script and console on the router. */
  readonly globals: Map<string, Value>;
  log(topics: string, message: string): void;
}

/** What an interactive console keeps between lines. */
export interface ConsoleState {
  menu: string;
  /** Per menu, the items behind the numbers its last print showed. */
  numbers: Map<string, ItemNumbers>;
}

export interface RunOptions {
  user: string;
  /** Where `:put` and `print` write; lines end in `\n`. A promise asks the writer to wait. */
  output?: (text: string) => undefined | Promise<void>;
  console?: ConsoleState;
  /** Terminal width for `detail` and the flags legend. */
  width?: number;
  signal?: AbortSignal;
}

interface Context {
  readonly options: RunOptions;
  readonly scopes: Map<string, Value>[];
  /** Commands run so far: every STEPS_PER_TURN the script lets the router's other work in. */
  steps: number;
}

class ReturnSignal {
  constructor(readonly value: Value) {}
}

/** The ids of numbered items, in number order: four bytes each, for a million-route print. */
export class ItemNumbers {
  private ids = new Uint32Array(64);
  private count = 0;

  clear(): void {
    this.count = 0;
  }

  push(id: string): void {
    if (this.count === this.ids.length) {
      const grown = new Uint32Array(this.ids.length * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.count] = readId(id) ?? 0;
    this.count += 1;
  }

  get(number: number): string | undefined {
    return number < this.count ? formatId(this.ids[number]!) : undefined;
  }
}

const ITEM_ARGUMENTS = ['numbers', 'number'];
/** Lines written between checks for Ctrl-C and yields, in a long print. */
const LINES_PER_TURN = 512;
const STEPS_PER_TURN = 2048;

export class Interpreter implements CommandTree {
  constructor(private readonly host: InterpreterHost) {}

  submenus(menu: string): string[] {
    return this.host.registry.submenus(menu);
  }

  commands(menu: string): string[] {
    const names = Object.keys(this.host.registry.menu(menu)?.commands ?? {});
    return names.includes('print') ? [...names, 'find', 'get'] : names;
  }

  shape(menu: string, command: string): CommandShape | undefined {
    if (command === 'find') return { unnamed: [], flags: [], where: 'arguments' };
    if (command === 'get') return { unnamed: ['number', 'value-name'], flags: [] };
    const spec = this.host.registry.command(menu, command);
    if (!spec) return undefined;
    return {
      unnamed: spec.unnamed ?? [],
      flags: spec.flags ?? [],
      where: command === 'print' ? 'keyword' : undefined,
    };
  }

  /** Parses and runs a script; resolves with the value of its last command. */
  async run(source: string, options: RunOptions): Promise<Value> {
    const parsed = parseScript(source, this, options.console?.menu ?? '');
    const context: Context = { options, scopes: [new Map()], steps: 0 };
    try {
      return await this.block(parsed.statements, context);
    } catch (error) {
      if (error instanceof ReturnSignal) return error.value;
      throw error;
    } finally {
      if (options.console) options.console.menu = parsed.menu;
    }
  }

  private async block(statements: readonly Statement[], context: Context): Promise<Value> {
    context.scopes.push(new Map());
    try {
      let last: Value = null;
      for (const statement of statements) {
        // A loop over a big table is one chain of promises: without a turn of the event loop now
        // and then, nothing it prints leaves the router until it ends, and nothing else runs.
        context.steps += 1;
        if (context.steps % STEPS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
        last = await this.statement(statement, context);
      }
      return last;
    } finally {
      context.scopes.pop();
    }
  }

  private statement(statement: Statement, context: Context): Promise<Value> {
    if (context.options.signal?.aborted) throw new ScriptError('interrupted');
    switch (statement.kind) {
      case 'menu':
        return Promise.resolve(null);
      case 'builtin':
        return this.builtin(statement, context);
      case 'command':
        switch (statement.command) {
          case 'print':
            return this.print(statement, context);
          case 'find':
            return this.find(statement, context);
          case 'get':
            return this.get(statement, context);
          default:
            return this.menuCommand(statement, context);
        }
    }
  }

  // Values. An expression is prepared once (variables and `[...]` evaluated), then computed per
  // item: a `where` over a million routes runs no promise per route.

  private async evaluate(expr: Expr, context: Context): Promise<Value> {
    return this.compute(await this.prepare(expr, context), undefined);
  }

  private async prepare(expr: Expr, context: Context): Promise<Expr> {
    switch (expr.kind) {
      case 'variable':
        return literal(expr, this.variable(expr.name, context));
      case 'substitution':
        return literal(expr, await this.block(expr.body, context));
      case 'block':
        return literal(expr, expr.source);
      case 'string': {
        let text = '';
        for (const part of expr.parts)
          text += typeof part === 'string' ? part : toText(await this.evaluate(part, context));
        return literal(expr, text);
      }
      case 'unary':
        return { ...expr, operand: await this.prepare(expr.operand, context) };
      case 'binary':
        return {
          ...expr,
          left: await this.prepare(expr.left, context),
          right: await this.prepare(expr.right, context),
        };
      case 'concat': {
        const parts = await Promise.all(expr.parts.map((part) => this.prepare(part, context)));
        return { ...expr, parts };
      }
      case 'array': {
        const entries = [];
        for (const entry of expr.entries)
          entries.push({ ...entry, value: await this.prepare(entry.value, context) });
        return { ...expr, entries };
      }
      default:
        return expr;
    }
  }

  /** Computes a prepared expression, reading `where` properties from `row`. */
  private compute(expr: Expr, row: Attrs | undefined): Value {
    switch (expr.kind) {
      case 'literal':
        return expr.value;
      case 'word':
        return expr.text;
      case 'property':
        return row ? (row[expr.name] ?? null) : expr.name;
      case 'unary': {
        const operand = this.compute(expr.operand, row);
        if (expr.operator === '!') return !truthy(operand);
        return apply('-', 0, operand);
      }
      case 'binary': {
        if (expr.operator === '&&')
          return truthy(this.compute(expr.left, row)) && truthy(this.compute(expr.right, row));
        if (expr.operator === '||')
          return truthy(this.compute(expr.left, row)) || truthy(this.compute(expr.right, row));
        return apply(expr.operator, this.compute(expr.left, row), this.compute(expr.right, row));
      }
      case 'concat':
        return expr.parts.map((part) => toText(this.compute(part, row))).join('');
      case 'array':
        return new RosArray(expr.entries.map(({ key, value }) => [key, this.compute(value, row)] as const));
      default:
        throw new ScriptError('syntax error');
    }
  }

  private variable(name: string, context: Context): Value {
    for (let index = context.scopes.length - 1; index >= 0; index -= 1) {
      const scope = context.scopes[index]!;
      if (scope.has(name)) return scope.get(name)!;
    }
    return this.host.globals.get(name) ?? null;
  }

  // Console commands.

  private async builtin(statement: BuiltinStatement, context: Context): Promise<Value> {
    const scope = context.scopes.at(-1)!;
    switch (statement.name) {
      case 'put':
        await this.write(context, `${toText(await this.argumentValue(statement, 'message', context))}\n`);
        return null;
      case 'delay': {
        const ms = readDuration(toText(await this.argumentValue(statement, 'delay-time', context)));
        if (ms === undefined) throw new ScriptError('invalid value for argument delay-time');
        await sleep(ms, context.options.signal);
        return null;
      }
      case 'local':
        scope.set(rawNameOf(statement, 'name'), await this.argumentValue(statement, 'value', context));
        return null;
      case 'global': {
        const name = rawNameOf(statement, 'name');
        if (argumentOf(statement, 'value'))
          this.host.globals.set(name, await this.argumentValue(statement, 'value', context));
        else if (!this.host.globals.has(name)) this.host.globals.set(name, null);
        return null;
      }
      case 'set': {
        const name = rawNameOf(statement, 'name');
        const next = await this.argumentValue(statement, 'value', context);
        const holder = [...context.scopes].reverse().find((candidate) => candidate.has(name));
        if (holder) holder.set(name, next);
        else if (this.host.globals.has(name)) this.host.globals.set(name, next);
        else scope.set(name, next);
        return null;
      }
      case 'if': {
        const branch = truthy(await this.argumentValue(statement, 'condition', context))
          ? argumentOf(statement, 'do')
          : argumentOf(statement, 'else');
        return branch?.value ? this.code(branch.value, context) : null;
      }
      case 'do': {
        const body = argumentOf(statement, 'command')?.value;
        try {
          return body ? await this.code(body, context) : null;
        } catch (error) {
          const onError = argumentOf(statement, 'on-error')?.value;
          if (error instanceof ReturnSignal || !onError) throw error;
          return this.code(onError, context);
        }
      }
      case 'foreach': {
        const list = await this.argumentValue(statement, 'in', context);
        const body = argumentOf(statement, 'do')?.value;
        // `:foreach k,v in=$array`: the key (a list's index) and the value each time round.
        const [first, second] = rawNameOf(statement, 'counter').split(',') as [string, string | undefined];
        const entries =
          list instanceof RosArray ? list.entries : list === null ? [] : [[undefined, list] as const];
        let last: Value = null;
        for (const [index, [key, item]] of entries.entries()) {
          if (second === undefined) scope.set(first, item);
          else {
            scope.set(first, key ?? index);
            scope.set(second, item);
          }
          if (body) last = await this.code(body, context);
        }
        return last;
      }
      case 'log':
        this.host.log(
          `script,${rawNameOf(statement, 'topic')}`,
          toText(await this.argumentValue(statement, 'message', context)),
        );
        return null;
      case 'len': {
        const subject = await this.argumentValue(statement, 'value', context);
        // Strings are bytes, a latin1 character each (api/words.ts): `:len "é"` is 2, as on RouterOS.
        return subject instanceof RosArray ? subject.entries.length : toText(subject).length;
      }
      case 'typeof':
        return typeOf(await this.argumentValue(statement, 'value', context));
      case 'tostr':
        return toText(await this.argumentValue(statement, 'value', context));
      case 'tonum': {
        const text = toText(await this.argumentValue(statement, 'value', context));
        return /^-?\d+$/.test(text) ? Number(text) : null;
      }
      case 'return':
        throw new ReturnSignal(await this.argumentValue(statement, 'value', context));
      default:
        throw new ScriptError(`bad command name :${statement.name}`);
    }
  }
  private argumentValue(statement: BuiltinStatement, name: string, context: Context): Promise<Value> {
    const arg = argumentOf(statement, name)?.value;
    return arg ? this.evaluate(arg, context) : Promise.resolve(null);
  }

  /** A `do={...}` block runs; anything else given as code is evaluated. */
  private code(expr: Expr, context: Context): Promise<Value> {
    return expr.kind === 'block' ? this.block(expr.body, context) : this.evaluate(expr, context);
  }

  // Menu commands.

  private async print(statement: Extract<Statement, { kind: 'command' }>, context: Context): Promise<Value> {
    const flags = new Set(statement.args.filter((arg) => arg.value === undefined).map((arg) => arg.name));
    const attrs = await this.namedAttrs(statement.args, context);
    const fetch = () => this.rows(statement, attrs, context);
    const where = statement.where && (await this.prepare(statement.where, context));
    const selected = (row: Attrs) => !where || truthy(this.compute(where, row));
    const sample = first(fetch());
    const view = viewOf(statement.menu, sample);
    const numbers = new ItemNumbers();
    const numbered = function* (): Generator<NumberedRow> {
      numbers.clear();
      let next = 0;
      for (const row of fetch()) {
        const number = view.numbered(row) ? next++ : undefined;
        if (number !== undefined) numbers.push(row['.id'] ?? '');
        if (selected(row)) yield { row, number };
      }
    };
    if (flags.has('as-value')) {
      return RosArray.list([...numbered()].map(({ row }) => RosArray.keyed(row)));
    }
    let lines: Iterable<string>;
    if (flags.has('count-only')) lines = [String(count(numbered()))];
    else if (sample && !('.id' in sample))
      lines = [...numbered()].flatMap(({ row }) => [...propertyLines(row, view)]);
    else if (flags.has('detail')) lines = detailLines(numbered, view, context.options.width ?? 80);
    else if (flags.has('terse')) lines = terseLines(numbered, view);
    else lines = tableLines(numbered, view, context.options.width ?? 80);
    let written = 0;
    for (const line of lines) {
      await this.write(context, `${line}\n`);
      written += 1;
      if (written % LINES_PER_TURN === 0) {
        if (context.options.signal?.aborted) throw new ScriptError('interrupted');
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    context.options.console?.numbers.set(statement.menu, numbers);
    return null;
  }

  private async find(statement: Extract<Statement, { kind: 'command' }>, context: Context): Promise<Value> {
    const where = statement.where && (await this.prepare(statement.where, context));
    const ids: Value[] = [];
    for (const row of this.rows(statement, {}, context)) {
      if (!where || truthy(this.compute(where, row))) ids.push(new ItemId(row['.id'] ?? ''));
    }
    return RosArray.list(ids);
  }

  private async get(statement: Extract<Statement, { kind: 'command' }>, context: Context): Promise<Value> {
    const item = statement.args.find((arg) => arg.name === 'number')?.value;
    const property = statement.args.find((arg) => arg.name === 'value-name')?.value;
    const rows = this.rows(statement, {}, context);
    const firstRow = first(rows);
    // A menu of one item (identity, resource) takes only the property: `get name`.
    if (firstRow && !('.id' in firstRow)) {
      const name = item ? toText(await this.evaluate(item, context)) : undefined;
      return name === undefined ? RosArray.keyed(firstRow) : (firstRow[name] ?? null);
    }
    const [ref] = item ? this.itemRefs(await this.evaluate(item, context), statement.menu, context) : [];
    if (ref === undefined) throw noSuchItem();
    let row: Attrs | undefined;
    for (const candidate of this.rows(statement, {}, context)) {
      if (candidate['.id'] === ref || candidate.name === ref) {
        row = candidate;
        break;
      }
    }
    if (!row) throw noSuchItem();
    if (!property) return RosArray.keyed(row);
    const name = toText(await this.evaluate(property, context));
    // A flag the API leaves out when it is not set reads as false.
    const isFlag = viewOf(statement.menu, row).flags.some((group) => group.some((flag) => flag.key === name));
    return row[name] ?? (isFlag ? false : null);
  }

  private async menuCommand(
    statement: Extract<Statement, { kind: 'command' }>,
    context: Context,
  ): Promise<Value> {
    const attrs: Attrs = {};
    for (const arg of statement.args) {
      if (arg.value === undefined) {
        attrs[arg.name] = '';
        continue;
      }
      const value = await this.evaluate(arg.value, context);
      if (ITEM_ARGUMENTS.includes(arg.name)) {
        const refs = this.itemRefs(value, statement.menu, context);
        // `set [find comment=gone] ...` with nothing found does nothing, as on RouterOS.
        if (refs.length === 0) return null;
        attrs[arg.name] = refs.join(',');
      } else {
        attrs[arg.name] = toArgument(value);
      }
    }
    const result = this.execute(statement, statement.command, attrs, context);
    if (result.type === 'done') {
      if (result.ret === undefined) return null;
      return readId(result.ret) !== undefined ? new ItemId(result.ret) : result.ret;
    }
    if (result.type === 'rows') {
      for (const row of result.rows)
        for (const line of propertyLines(row, undefined)) await this.write(context, `${line}\n`);
      return null;
    }
    await this.stream(result.start, context);
    return null;
  }

  private async namedAttrs(args: readonly Argument[], context: Context): Promise<Attrs> {
    const attrs: Attrs = {};
    for (const arg of args)
      if (arg.value) attrs[arg.name] = toArgument(await this.evaluate(arg.value, context));
    return attrs;
  }

  private rows(
    statement: Extract<Statement, { kind: 'command' }>,
    attrs: Attrs,
    context: Context,
  ): Iterable<Attrs> {
    const result = this.execute(statement, 'print', attrs, context);
    if (result.type !== 'rows') throw new ScriptError('no such command');
    return result.rows;
  }

  private execute(
    statement: Extract<Statement, { kind: 'command' }>,
    command: string,
    attrs: Attrs,
    context: Context,
  ): CommandResult {
    try {
      return this.host.registry.execute(
        { path: `${statement.menu}/${command}`, attrs, queries: [] },
        { user: context.options.user },
      );
    } catch (error) {
      // The console names a parameter it does not know by where it stands in the line.
      const arg =
        error instanceof UnknownParameter && statement.args.find((each) => each.name === error.parameter);
      if (arg) throw expectedEnd(arg.position);
      throw error;
    }
  }

  /** The items a value names: ids from `find`, `*1A`, names, or numbers from the last print. */
  private itemRefs(value: Value, menu: string, context: Context): string[] {
    const refs =
      value instanceof RosArray
        ? value.values().map(toArgument)
        : toArgument(value)
            .split(',')
            .filter((ref) => ref !== '');
    return refs.map((ref) => {
      if (!/^\d+$/.test(ref)) return ref;
      const id = context.options.console?.numbers.get(menu)?.get(Number(ref));
      if (id === undefined) throw noSuchItem();
      return id;
    });
  }

  /** Runs a streaming command to its end, writing each reply as it comes; Ctrl-C stops it. */
  private stream(start: (sink: StreamSink) => () => void, context: Context): Promise<void> {
    return new Promise((resolve, reject) => {
      const signal = context.options.signal;
      let stop: (() => void) | undefined;
      let finished = false;
      const finish = (error?: Error) => {
        if (finished) return;
        finished = true;
        signal?.removeEventListener('abort', interrupt);
        if (error) reject(error);
        else resolve();
      };
      const interrupt = () => {
        stop?.();
        finish(new ScriptError('interrupted'));
      };
      stop = start({
        row: (attrs) => {
          if (finished) return;
          void this.write(context, `${[...propertyLines(attrs, undefined)].join('\n')}\n\n`);
        },
        end: (trap?: RouterTrap) => finish(trap),
      });
      if (finished) return;
      signal?.addEventListener('abort', interrupt, { once: true });
      if (signal?.aborted) interrupt();
    });
  }

  private async write(context: Context, text: string): Promise<void> {
    const waiting = context.options.output?.(text);
    if (waiting) await waiting;
  }
}

// Module functions, not closures made per call: a loop over a big table runs these for every item
// (and a build that keeps function names pays for every closure made).

type BuiltinStatement = Extract<Statement, { kind: 'builtin' }>;

const argumentOf = (statement: BuiltinStatement, name: string) =>
  statement.args.find((arg) => arg.name === name);

function rawNameOf(statement: BuiltinStatement, name: string): string {
  const arg = argumentOf(statement, name)?.value;
  return arg?.kind === 'word' ? arg.text : '';
}

const literal = (expr: Expr, value: Value): Expr => ({ kind: 'literal', value, position: expr.position });

function count(items: Iterable<unknown>): number {
  let total = 0;
  for (const _ of items) total += 1;
  return total;
}

function first<T>(items: Iterable<T>): T | undefined {
  for (const item of items) return item;
  return undefined;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', abort);
      resolve();
    }, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(new ScriptError('interrupted'));
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}
