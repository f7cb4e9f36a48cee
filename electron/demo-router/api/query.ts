// API query words (`?...`) and `.proplist`, applied to a command's rows the way RouterOS's `print`
// applies them (help.mikrotik.com, API → Queries). A query is compiled once per command, then run
// per row over a boolean stack that starts as an endless run of `true`; a row passes when no
// `false` is left on it. The front end applies it row by row as it writes, so a million-row print
// is filtered without ever being gathered in memory.
import { type ApiCommand, type Attrs, RouterTrap } from '../command';

export type RowPredicate = (row: Attrs) => boolean;

/** The boolean stack: explicit values on top of an endless run of `floor`. */
class QueryStack {
  private readonly values: boolean[] = [];
  private floor = true;

  push(value: boolean): void {
    this.values.push(value);
  }

  pop(): boolean {
    return this.values.length > 0 ? this.values.pop()! : this.floor;
  }

  /** The value `index` places below the top (0 is the top). */
  at(index: number): boolean {
    return index < this.values.length ? this.values[this.values.length - 1 - index]! : this.floor;
  }

  /** `?#<index>` at the end of the word: every value, the endless run too, becomes that one. */
  fill(value: boolean): void {
    this.values.length = 0;
    this.floor = value;
  }

  passes(): boolean {
    return this.floor && this.values.every(Boolean);
  }
}

type Step = (row: Attrs, stack: QueryStack) => void;

/** Compiles `?` words, in order, into one predicate. Throws a RouterTrap for an unknown operation. */
export function compileQuery(words: readonly string[]): RowPredicate {
  const steps = words.map(compileWord);
  return (row) => {
    const stack = new QueryStack();
    for (const step of steps) step(row, stack);
    return stack.passes();
  };
}

function compileWord(word: string): Step {
  const body = word.startsWith('?') ? word.slice(1) : word;
  if (body.startsWith('#')) return compileOperations(body.slice(1));
  if (body.startsWith('-')) {
    // Clients write `?-name=` as well as `?-name` (routeros-api's whereEmpty does); both mean "lacks".
    const [name] = splitNameValue(body.slice(1));
    return (row, stack) => stack.push(!(name in row));
  }
  if (body.startsWith('<') || body.startsWith('>')) {
    const [name, value] = splitNameValue(body.slice(1));
    const wanted = body.startsWith('<') ? -1 : 1;
    return (row, stack) => {
      const actual = row[name];
      stack.push(actual !== undefined && Math.sign(compareValues(actual, value)) === wanted);
    };
  }
  const assignment = body.startsWith('=') ? body.slice(1) : body;
  if (!assignment.includes('=')) return (row, stack) => stack.push(assignment in row);
  const [name, value] = splitNameValue(assignment);
  return (row, stack) => stack.push(row[name] === value);
}

/** `name=value`, the value free to contain `=` itself. */
function splitNameValue(text: string): [string, string] {
  const at = text.indexOf('=');
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

/**
 * `?#` operations, left to right: digits are a stack index (0 = top) that pushes a copy of that
 * value, or, at the end of the word, makes every value that one; `!` negates the top; `&` and `|`
 * pop two and push the result; `.` right after an index does nothing, elsewhere it copies the top.
 */
function compileOperations(ops: string): Step {
  const program: Step[] = [];
  let at = 0;
  while (at < ops.length) {
    const char = ops[at]!;
    if (char >= '0' && char <= '9') {
      let end = at;
      while (end < ops.length && ops[end]! >= '0' && ops[end]! <= '9') end += 1;
      const index = Number(ops.slice(at, end));
      if (end === ops.length) {
        program.push((_row, stack) => stack.fill(stack.at(index)));
      } else {
        program.push((_row, stack) => stack.push(stack.at(index)));
        if (ops[end] === '.') end += 1;
      }
      at = end;
      continue;
    }
    program.push(operation(char));
    at += 1;
  }
  return (row, stack) => {
    for (const step of program) step(row, stack);
  };
}

function operation(char: string): Step {
  switch (char) {
    case '!':
      return (_row, stack) => stack.push(!stack.pop());
    case '&':
      return (_row, stack) => {
        const a = stack.pop();
        const b = stack.pop();
        stack.push(a && b);
      };
    case '|':
      return (_row, stack) => {
        const a = stack.pop();
        const b = stack.pop();
        stack.push(a || b);
      };
    case '.':
      return (_row, stack) => stack.push(stack.at(0));
    default:
      // RouterOS's wording for a bad query operation is not documented; category 1 is
      // "argument value failure", which is what it is.
      throw new RouterTrap(`unknown query operation "${char}"`, 1);
  }
}

const INTEGER = /^-?\d+$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;

/**
 * Orders two property values for `?<` and `?>`: integers by value (distance, scope), IPv4
 * addresses and prefixes by address then prefix length, anything else as text.
 */
export function compareValues(a: string, b: string): number {
  if (INTEGER.test(a) && INTEGER.test(b)) return Number(a) - Number(b);
  const ipA = ipv4Key(a);
  const ipB = ipv4Key(b);
  if (ipA !== undefined && ipB !== undefined) return ipA - ipB;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An IPv4 address (with optional /prefix) as one sortable number, or undefined. */
function ipv4Key(text: string): number | undefined {
  const match = IPV4.exec(text);
  if (!match) return undefined;
  let key = 0;
  for (let octet = 1; octet <= 4; octet += 1) {
    const value = Number(match[octet]);
    if (value > 255) return undefined;
    key = key * 256 + value;
  }
  const prefix = match[5] === undefined ? 32 : Number(match[5]);
  return prefix > 32 ? undefined : key * 64 + prefix;
}

/** Keeps only the `.proplist` properties a row has; a listed property it lacks stays absent. */
function projectRow(row: Attrs, proplist: readonly string[]): Attrs {
  const out: Attrs = {};
  for (const name of proplist) {
    const value = row[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/**
 * Per row of a `print` or a stream: the row to send, cut to `.proplist`, or undefined when the query
 * rejects it. The query sees every property, so `=.proplist=.id` with `?comment=x` works, as it
 * does on RouterOS. Compiling happens here, so a bad query is trapped before the command runs.
 */
export function rowSelector(
  command: Pick<ApiCommand, 'queries' | 'proplist'>,
): (row: Attrs) => Attrs | undefined {
  const { queries, proplist } = command;
  if (queries.length === 0 && !proplist) return (row) => row;
  const matches = queries.length > 0 ? compileQuery(queries) : undefined;
  return (row) => {
    if (matches && !matches(row)) return undefined;
    return proplist ? projectRow(row, proplist) : row;
  };
}
