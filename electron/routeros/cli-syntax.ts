// The API's commands as RouterOS CLI lines, and the CLI's answers read back as API rows: what the
// RouterClient over plain SSH sends and parses. Commands are written so real RouterOS 7 runs them
// unchanged: a print is `print detail as-value` walked by a small script that writes every value
// with its length, so nothing a value holds can be misread.
import { cliMenu, cliValue, quote } from '../../shared/routeros/command';
import { replyLimits } from './reply-limits';
import type { AttrValue, PrintOptions, Row } from './router-client';
import { unreadableReply } from './router-errors';

function cliAttrValue(value: AttrValue): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return cliValue(String(value));
}

/**
 * A value in a `where`. The API writes booleans as true/false; a `where` takes only yes/no. Bare,
 * `/`, `:` and `.` are operators there (`0.0.0.0/0` would be a division), so anything but a word,
 * a number or an id is quoted.
 */
function whereValue(value: string): string {
  if (value === 'true') return 'yes';
  if (value === 'false') return 'no';
  return /^(?:[A-Za-z0-9_-]+|\*[0-9A-Fa-f]+)$/.test(value) ? value : quote(value);
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

/** The items a query asks for by their `.id`s alone, or-ed (`.id=*1`, `.id=*2`, `#|`, …), if that is all it asks. */
export function queriedIds(query: readonly string[] = []): string[] | undefined {
  if (query.length < 3) return undefined;
  const ids: string[] = [];
  for (const [index, word] of query.entries()) {
    if (index > 1 && index % 2 === 0 ? word !== '#|' : !word.startsWith('.id=')) return undefined;
    if (word.startsWith('.id=')) ids.push(word.slice(4));
  }
  return query.length % 2 === 1 && query.at(-1) === '#|' ? ids : undefined;
}

/** The item a query asks for by `.id` alone (a route's refresh after an edit), if that is all it asks. */
export function queriedId(query: readonly string[] = []): string | undefined {
  const [only] = query;
  return query.length === 1 && only?.startsWith('.id=') ? only.slice(4) : undefined;
}

/**
 * Each item's properties written so any value reads back exactly: `<bytes>:<key><bytes>:<value>`
 * for each, one item per `:put`. `:put [print as-value]` alone joins items and properties with `;`
 * and leaves values raw, so a value with `;`, `=` or a line break in it (a scheduler's script, a
 * comment) cannot be told from the next property; a length cannot be mistaken. Lengths are
 * RouterOS's `:len`, in bytes; a list value (a scheduler's `policy`) is joined with `,` as the API
 * sends it. Needs nothing newer than RouterOS 6's scripting.
 */
const WRITE_ITEM =
  ':local o ""; :foreach k,v in=$r do={:local t ""; :if ([:typeof $v]="array") do={' +
  ':foreach e in=$v do={:if ([:len $t]>0) do={:set t ($t . ",")}; :set t ($t . [:tostr $e])}' +
  '} else={:set t [:tostr $v]}; :set o ($o . [:len $k] . ":" . $k . [:len $t] . ":" . $t)}; :put $o';

/** Menus of one item with no list behind them: their print takes no `detail`. */
const SINGLE_ITEM_MENUS = new Set([
  '/system/identity',
  '/system/resource',
  '/system/clock',
  '/ip/ssh',
  '/routing/settings',
]);

/**
 * `/ip/route` + options → a console line that prints the matching items for parseRows(). Without
 * `detail`, RouterOS's `as-value` holds only the columns a plain print shows. One item by `.id`
 * is read with `get`, which every console takes (not all take `.id` in a `where`). The property
 * list is applied to the rows afterwards (`pickProperties`): not every console's print takes
 * `proplist=`.
 */
export function cliPrint(menu: string, options: PrintOptions = {}): string {
  const id = queriedId(options.query);
  if (id !== undefined) return `:local r [${cliMenu(menu)} get ${cliValue(id)}]; ${WRITE_ITEM}`;
  // Items by id: each got in turn, one gone meanwhile left out as the API's query leaves it out.
  const ids = queriedIds(options.query);
  if (ids)
    return `:foreach i in={${ids.map(cliValue).join(';')}} do={:do {:local r [${cliMenu(menu)} get $i]; ${WRITE_ITEM}} on-error={}}`;
  const where = cliWhere(options.query ?? []);
  const detail = SINGLE_ITEM_MENUS.has(menu) ? '' : ' detail';
  return `:foreach r in=[${cliMenu(menu)} print${detail} as-value${where ? ` where ${where}` : ''}] do={${WRITE_ITEM}}`;
}

export function pickProperties(rows: Row[], proplist: readonly string[] | undefined): Row[] {
  if (!proplist) return rows;
  return rows.map((row) =>
    Object.fromEntries(proplist.filter((key) => key in row).map((key) => [key, row[key] as string])),
  );
}

/**
 * `/ip/route/set` + `{ '.id': '*1', distance: 2 }` → `/ip route set numbers=*1 distance=2`. An
 * empty value is written as one (`comment=""`); `flags` are the arguments that take none
 * (`monitor-traffic ether1 once`).
 */
export function cliLine(
  command: string,
  attrs: Record<string, AttrValue> = {},
  flags: readonly string[] = [],
): string {
  const words = Object.entries(attrs).map(
    ([name, value]) => `${name === '.id' ? 'numbers' : name}=${cliAttrValue(value)}`,
  );
  return [cliMenu(command), ...words, ...flags].join(' ');
}

/** A command under `:put`, so what it returns (the `.id` add made, a count) is printed. */
export function cliRun(command: string, attrs?: Record<string, AttrValue>): string {
  return `:put [${cliLine(command, attrs)}]`;
}

/** A console answer that is not data: RouterOS prints its errors where the output goes. */
export class CliRefusal extends Error {}

/**
 * What the console printed for cliPrint(), as rows. A console that ends every line with CR LF does
 * so inside a value too; that is undone first, so lengths count the value's own bytes, and output
 * that only reads as it came (a console that leaves line ends alone) is read so. Output that is not
 * items is the router refusing, in its own words.
 */
export function parseRows(output: Buffer): Row[] {
  const rows = readRows(crlfToLf(output));
  if (Array.isArray(rows) || !output.includes(CR)) return throwRefusal(rows);
  const raw = readRows(output);
  return Array.isArray(raw) ? raw : throwRefusal(rows);
}

function throwRefusal(rows: Row[] | CliRefusal): Row[] {
  if (rows instanceof CliRefusal) throw rows;
  return rows;
}

function readRows(bytes: Buffer): Row[] | CliRefusal {
  const rows: Row[] = [];
  let at = 0;
  while (at < bytes.length) {
    const read = readRow(bytes, at);
    // Output that ends inside an item was not items at all.
    if (read instanceof Incomplete) return refusalAt(bytes, at);
    if (read instanceof CliRefusal) return read;
    if (read.row) rows.push(read.row);
    at = read.next;
  }
  return rows;
}

function refusalAt(bytes: Buffer, at: number): CliRefusal {
  const text = bytes
    .subarray(at, at + 4096)
    .toString('utf8')
    .trim();
  return new CliRefusal(text.split('\n')[0] || 'The router printed an item Uplink cannot read.');
}

/** The bytes end inside an item: it needs them up to `need` (at least) to be read. */
class Incomplete {
  constructor(readonly need: number) {}
}

/** The longest length a field's prefix may give: nine digits, as cliPrint's script writes them. */
const maxDigits = 9;

/**
 * The item written at `at` (`<bytes>:<key><bytes>:<value>`... up to a line end), and where the
 * next begins; Incomplete when the bytes end inside it, so more may complete it.
 */
function readRow(
  bytes: Buffer,
  at: number,
): { row: Row | undefined; next: number } | CliRefusal | Incomplete {
  const row: Row = {};
  let fields = 0;
  let next = at;
  while (next < bytes.length && bytes[next] !== LF) {
    const key = readField(bytes, next);
    const value = key instanceof Incomplete || key === null ? key : readField(bytes, key.next);
    if (key === null || value === null) return refusalAt(bytes, at);
    if (key instanceof Incomplete) return key;
    if (value instanceof Incomplete) return value;
    row[key.text] = value.text;
    fields += 1;
    next = value.next;
  }
  if (next >= bytes.length) return new Incomplete(next + 1);
  return { row: fields > 0 ? row : undefined, next: next + 1 };
}

/** `<bytes>:<text>` at `at`: null where there is none, Incomplete where the bytes end inside it. */
function readField(bytes: Buffer, at: number): { text: string; next: number } | null | Incomplete {
  const colon = bytes.subarray(at, at + maxDigits + 1).indexOf(COLON);
  const digits = bytes.subarray(at, colon < 0 ? at + maxDigits + 1 : at + colon).toString('latin1');
  if (!/^\d*$/.test(digits) || digits.length > maxDigits || (colon >= 0 && digits === '')) return null;
  if (colon < 0) return new Incomplete(at + maxDigits + 2);
  const start = at + colon + 1;
  const end = start + Number(digits);
  if (end > bytes.length) return new Incomplete(end);
  return { text: bytes.subarray(start, end).toString('utf8'), next: end };
}

/**
 * cliPrint() output read as it arrives: each item passed on as soon as it is whole, so a print of a
 * big table over a slow relay shows its first rows long before its last. The first item tells how
 * the console writes: CR LF at its end (line ends made LF before reading, as parseRows does) or a
 * bare LF (read as it came). Output that does not read so before any item passed is read whole at
 * the end, as parseRows reads it (a refusal, in the router's words).
 *
 * What it holds is bounded: the output as it came only until the first item is passed, and at most
 * one item of replyLimits.maxSentenceBytes, gathered piece by piece and read again only once all
 * its announced bytes are there.
 */
export class RowReader {
  /** The output as it came, while no item was passed on; undefined after. */
  private raw: Buffer[] | undefined = [];
  private rawBytes = 0;
  /** Whether line ends are made LF: assumed until the first item shows otherwise. */
  private crlf = true;
  /** What came, read as the console writes, from the first item not yet passed on. */
  private rest = Buffer.alloc(0);
  /** Pieces after `rest`, not yet joined to it: the item in `rest` needs `need` bytes first. */
  private pieces: Buffer[] = [];
  private piecesBytes = 0;
  private need = 0;
  private heldCr = false;
  private asItCame = true;

  constructor(
    /** How much output that reads as no item is held before the reading stops. */
    private readonly maxRawBytes: number,
    private readonly onRow: (row: Row) => void,
  ) {}

  push(chunk: Buffer): void {
    if (this.raw) {
      this.raw.push(chunk);
      this.rawBytes += chunk.length;
      if (this.rawBytes > this.maxRawBytes) throw unreadableReply('an answer with no item Uplink can read');
    }
    if (!this.asItCame) return;
    this.add(this.crlf ? this.lineEndsMadeLf(chunk) : chunk);
    if (this.rest.length + this.piecesBytes < this.need) return;
    this.rest = Buffer.concat([this.rest, ...this.pieces]);
    this.pieces = [];
    this.piecesBytes = 0;
    let at = 0;
    for (;;) {
      const read = readRow(this.rest, at);
      if (read instanceof Incomplete) {
        this.need = read.need - at;
        break;
      }
      if (read instanceof CliRefusal) {
        this.asItCame = false;
        break;
      }
      if (this.raw) this.firstItemRead(read.next);
      at = read.next;
      if (read.row) this.onRow(read.row);
    }
    this.rest = this.rest.subarray(at);
    if (this.asItCame && this.need > replyLimits.maxSentenceBytes)
      throw unreadableReply(`an item over ${replyLimits.maxSentenceBytes / 1024 / 1024} MiB`);
  }

  /** The output is whole: passes on the items left, or throws the router's refusal. */
  end(): void {
    const tail = Buffer.concat([this.rest, ...this.pieces]);
    const read = this.asItCame && !this.heldCr ? readRows(tail) : undefined;
    const rows = Array.isArray(read)
      ? read
      : this.raw
        ? parseRows(Buffer.concat(this.raw))
        : throwRefusal(read ?? refusalAt(tail, 0));
    for (const row of rows) this.onRow(row);
  }

  private add(piece: Buffer): void {
    this.pieces.push(piece);
    this.piecesBytes += piece.length;
  }

  /** A CR at a piece's end is held back: the LF that makes it a line end may come with the next. */
  private lineEndsMadeLf(chunk: Buffer): Buffer {
    let bytes = this.heldCr ? Buffer.concat([Buffer.from([CR]), chunk]) : chunk;
    this.heldCr = bytes.at(-1) === CR;
    if (this.heldCr) bytes = bytes.subarray(0, -1);
    return crlfToLf(bytes);
  }

  /**
   * The first item ends at `end`: with no CR in it, the console leaves line ends alone, and what
   * came is read again as it came (the same bytes up to `end`, having no CR).
   */
  private firstItemRead(end: number): void {
    const raw = Buffer.concat(this.raw ?? []);
    this.raw = undefined;
    if (raw.subarray(0, end).includes(CR)) return;
    this.crlf = false;
    this.heldCr = false;
    this.rest = raw;
  }
}

const CR = 0x0d;
const LF = 0x0a;
const COLON = 0x3a;

function crlfToLf(bytes: Buffer): Buffer {
  if (!bytes.includes(CR)) return bytes;
  const out = Buffer.allocUnsafe(bytes.length);
  let length = 0;
  for (let index = 0; index < bytes.length; index += 1) {
    if (bytes[index] === CR && bytes[index + 1] === LF) continue;
    out[length++] = bytes[index] as number;
  }
  return out.subarray(0, length);
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
