// The API's commands as RouterOS CLI lines, and the CLI's answers read back as API rows: what the
// RouterClient over plain SSH sends and parses. Commands are written so real RouterOS 7 runs them
// unchanged: `:put [<menu> print as-value …]` makes the console print rows as `key=value` pairs
// joined by `;`, the same form a script sees.
import { cliMenu, cliValue } from '../../shared/routeros/command';
import type { AttrValue, PrintOptions, Row } from './router-client';

function cliAttrValue(value: AttrValue): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return cliValue(String(value));
}

/** The API writes booleans as true/false; a CLI `where` only takes yes/no. */
function whereValue(value: string): string {
  if (value === 'true') return 'yes';
  if (value === 'false') return 'no';
  return cliValue(value);
}

/**
 * API query words (`?` left off) as a CLI `where` expression. The API's stack (`#|`, `#&`, `#!`)
 * becomes parentheses; what is left on the stack at the end is and-ed, as the API does.
 */
export function cliWhere(query: readonly string[]): string | undefined {
  const stack: string[] = [];
  const pop = () => {
    const top = stack.pop();
    if (top === undefined) throw new Error(`the query ${query.join(' ')} pops an empty stack`);
    return top;
  };
  for (const word of query) {
    if (word === '#|' || word === '#&') {
      const right = pop();
      const left = pop();
      stack.push(`(${left} ${word === '#|' ? 'or' : 'and'} ${right})`);
    } else if (word === '#!') {
      stack.push(`!(${pop()})`);
    } else {
      const match = /^([<>]?)(-?)([^=]+)(?:=(.*))?$/s.exec(word);
      if (!match) throw new Error(`the query word ${word} has no CLI form`);
      const [, compare, absent, name, value] = match;
      if (absent) stack.push(`!${name}`);
      else if (value === undefined) stack.push(name as string);
      else stack.push(`${name}${compare || '='}${whereValue(value)}`);
    }
  }
  return stack.length === 0 ? undefined : stack.join(' and ');
}

/** The item a query asks for by `.id` alone (a route's refresh after an edit), if that is all it asks. */
export function queriedId(query: readonly string[] = []): string | undefined {
  const [only] = query;
  return query.length === 1 && only?.startsWith('.id=') ? only.slice(4) : undefined;
}

/**
 * `/ip/route` + options → `:put [/ip route print as-value where …]`; one item by `.id` is read with
 * `get`, which every console takes (not all take `.id` in a `where`). The property list is applied
 * to the rows afterwards (`pickProperties`): not every console's print takes `proplist=`.
 */
export function cliPrint(menu: string, options: PrintOptions = {}): string {
  const id = queriedId(options.query);
  if (id !== undefined) return `:put [${cliMenu(menu)} get ${cliValue(id)}]`;
  const where = cliWhere(options.query ?? []);
  return `:put [${cliMenu(menu)} print as-value${where ? ` where ${where}` : ''}]`;
}

export function pickProperties(rows: Row[], proplist: readonly string[] | undefined): Row[] {
  if (!proplist) return rows;
  return rows.map((row) =>
    Object.fromEntries(proplist.filter((key) => key in row).map((key) => [key, row[key] as string])),
  );
}

/** `/ip/route/set` + `{ '.id': '*1', distance: 2 }` → `/ip route set numbers=*1 distance=2`. */
export function cliLine(command: string, attrs: Record<string, AttrValue> = {}): string {
  const words = Object.entries(attrs).map(([name, value]) =>
    name === '.id'
      ? `numbers=${cliAttrValue(value)}`
      : value === ''
        ? name
        : `${name}=${cliAttrValue(value)}`,
  );
  return [cliMenu(command), ...words].join(' ');
}

/** A command under `:put`, so what it returns (the `.id` add made, a count) is printed. */
export function cliRun(command: string, attrs?: Record<string, AttrValue>): string {
  return `:put [${cliLine(command, attrs)}]`;
}

/** A console answer that is not data: RouterOS prints its errors where the output goes. */
export class CliRefusal extends Error {}

const pairs = /^(?:[^=;\s]+=[^;]*)(?:;[^=;\s]+=[^;]*)*$/;

/**
 * `:put`'s rows: `.id=*1;dst-address=0.0.0.0/0;….id=*2;…`. Items are not delimited, so a key met
 * again starts the next row (every row has the same keys, `.id` first where there is one).
 */
export function parseAsValue(output: string): Row[] {
  const text = output.replace(/\r/g, '').trim();
  if (text === '') return [];
  const rows: Row[] = [];
  for (const line of text.split('\n')) {
    if (!pairs.test(line)) throw new CliRefusal(line.trim());
    let row: Row = {};
    for (const pair of line.split(';')) {
      const equals = pair.indexOf('=');
      const key = pair.slice(0, equals);
      if (key in row) {
        rows.push(row);
        row = {};
      }
      row[key] = pair.slice(equals + 1);
    }
    rows.push(row);
  }
  return rows;
}

/** `name: value` lines, as a one-shot command prints them, read as one row. */
export function parseProperties(output: string): Row {
  const row: Row = {};
  for (const line of output.replace(/\r/g, '').split('\n')) {
    const match = /^\s*([A-Za-z0-9.-]+): (.*)$/.exec(line);
    if (match) row[match[1] as string] ??= (match[2] as string).trim();
  }
  if (Object.keys(row).length === 0 && output.trim() !== '')
    throw new CliRefusal(output.trim().split('\n')[0] as string);
  return row;
}

/** What a command printed under `:put`: nothing, an `.id`, or a count; anything else is a refusal. */
export function parseRunOutput(output: string): { ret?: string } {
  const text = output.replace(/\r/g, '').trim();
  if (text === '') return {};
  if (/^(\*[0-9A-Fa-f]+|\d+)$/.test(text)) return { ret: text };
  throw new CliRefusal(text.split('\n')[0] as string);
}
