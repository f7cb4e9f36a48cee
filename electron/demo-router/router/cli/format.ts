// RouterOS 7's print layouts, line by line:
//   table   Flags: D - DYNAMIC; A - ACTIVE; c - CONNECT, s - STATIC     (only flags that occur)
//           Columns: DST-ADDRESS, GATEWAY, ROUTING-TABLE, DISTANCE
//           #     DST-ADDRESS  GATEWAY   ROUTING-TABLE  DISTANCE
//           ;;; comment
//           0  As 0.0.0.0/0    10.0.1.1  main                  1
//             DAc 10.0.1.0/24  ether1    main                  0
//   detail  the full flag legend, then per item ` 0  As   key=value ...` wrapped under itself
//   terse   one line per item: `0  As comment=x dst-address=... distance=1`, values unquoted
// Flag columns hold one position per flag group; a table or terse print keeps only the groups
// that occur, detail keeps them all. Layouts take their rows twice (widths first, then lines) so a
// million-row print never sits in memory.
import type { Attrs } from '../../command';
import type { FlagSpec, PrintView } from './views';

export interface NumberedRow {
  readonly row: Attrs;
  /** The number to refer to the item by in later commands (`set 0 ...`), if it gets one. */
  readonly number: number | undefined;
}

type Rows = () => Iterable<NumberedRow>;

interface Survey {
  rows: number;
  /** Which flag groups occur, and which flags. */
  groups: boolean[];
  flags: Set<string>;
  maxNumber: number | undefined;
  widths: number[];
}

function survey(rows: Rows, view: PrintView): Survey {
  const result: Survey = {
    rows: 0,
    groups: view.flags.map(() => false),
    flags: new Set(),
    maxNumber: undefined,
    widths: view.columns.map((column) => column.header.length),
  };
  for (const { row, number } of rows()) {
    result.rows += 1;
    view.flags.forEach((group, index) => {
      for (const flag of group) {
        if (row[flag.key] !== 'true') continue;
        result.groups[index] = true;
        result.flags.add(flag.key);
      }
    });
    if (number !== undefined) result.maxNumber = Math.max(result.maxNumber ?? 0, number);
    view.columns.forEach((column, index) => {
      result.widths[index] = Math.max(result.widths[index]!, cell(view, row, column.key).length);
    });
  }
  return result;
}

function cell(view: PrintView, row: Attrs, key: string): string {
  const value = row[key];
  if (value === undefined) return '';
  return view.formats?.[key]?.(value) ?? value;
}

/** One letter per kept group: the first flag of the group that the item has. */
function letters(view: PrintView, row: Attrs, keep: readonly boolean[]): string {
  return view.flags
    .filter((_, index) => keep[index])
    .map((group) => group.find((flag) => row[flag.key] === 'true')?.letter ?? ' ')
    .join('');
}

/** `Flags: ...` broken between groups where a line would pass the terminal's width. */
export function legend(groups: readonly (readonly FlagSpec[])[], width: number): string[] {
  const texts = groups.map((group) => group.map((flag) => `${flag.letter} - ${flag.label}`).join(', '));
  const lines: string[] = [];
  let line = `Flags: ${texts[0] ?? ''}`;
  for (const text of texts.slice(1)) {
    if (line.length + 2 + text.length < width) line += `; ${text}`;
    else {
      lines.push(`${line};`);
      line = text;
    }
  }
  lines.push(line);
  return lines;
}

export function* tableLines(rows: Rows, view: PrintView, width: number): Generator<string> {
  const found = survey(rows, view);
  // Nothing to list prints nothing, not even the headers.
  if (found.rows === 0) return;
  if (found.flags.size > 0) {
    const groups = view.flags.map((group) => group.filter((flag) => found.flags.has(flag.key)));
    yield* legend(
      groups.filter((group) => group.length > 0),
      width,
    );
  }
  yield `Columns: ${view.columns.map((column) => column.header).join(', ')}`;
  const numberWidth = found.maxNumber === undefined ? 0 : String(found.maxNumber).length;
  const flagWidth = found.groups.filter(Boolean).length;
  const lead = (number: string, flags: string) =>
    (numberWidth > 0 ? `${number.padStart(numberWidth)} ` : '') + (flagWidth > 0 ? `${flags} ` : '');
  const cells = (texts: string[]) =>
    texts
      .map((text, index) =>
        view.columns[index]!.right ? text.padStart(found.widths[index]!) : text.padEnd(found.widths[index]!),
      )
      .join('  ');
  yield (
    lead('#'.padEnd(numberWidth), ' '.repeat(flagWidth)) + cells(view.columns.map((column) => column.header))
  ).trimEnd();
  for (const { row, number } of rows()) {
    if (row.comment) yield `;;; ${row.comment}`;
    const texts = view.columns.map((column) => cell(view, row, column.key));
    yield (
      lead(number === undefined ? '' : String(number), letters(view, row, found.groups)) + cells(texts)
    ).trimEnd();
  }
}

export function* detailLines(rows: Rows, view: PrintView, width: number): Generator<string> {
  const found = survey(rows, view);
  if (view.flags.length > 0) yield* legend(view.flags, width);
  const numberWidth = Math.max(2, String(found.maxNumber ?? 0).length + 1);
  const all = view.flags.map(() => true);
  for (const { row, number } of rows()) {
    const lead = `${(number === undefined ? '' : String(number)).padStart(numberWidth)} ${
      view.flags.length > 0 ? `${letters(view, row, all)} ` : ''
    }`;
    const indent = ' '.repeat(lead.length);
    let line = lead;
    if (row.comment) {
      yield `${lead};;; ${row.comment}`;
      line = indent;
    }
    let fresh = true;
    for (const key of view.detail) {
      if (row[key] === undefined) continue;
      const token = `${key}=${quoted(cell(view, row, key))}`;
      if (!fresh && line.length + 1 + token.length >= width) {
        yield line;
        line = indent + token;
      } else {
        line += fresh ? token : ` ${token}`;
      }
      fresh = false;
    }
    yield line;
    yield '';
  }
}

export function* terseLines(rows: Rows, view: PrintView): Generator<string> {
  const found = survey(rows, view);
  const numberWidth = found.maxNumber === undefined ? 0 : String(found.maxNumber).length;
  const flagWidth = found.groups.filter(Boolean).length;
  for (const { row, number } of rows()) {
    const parts: string[] = [];
    if (numberWidth > 0) parts.push((number === undefined ? '' : String(number)).padStart(numberWidth));
    if (flagWidth > 0) parts.push(letters(view, row, found.groups));
    const properties = row.comment ? [`comment=${row.comment}`] : [];
    for (const key of view.detail) {
      const value = row[key];
      if (value !== undefined) properties.push(`${key}=${value === '' ? '""' : cell(view, row, key)}`);
    }
    parts.push(properties.join(' '));
    yield parts.join(' ');
  }
}

/** One item's properties as `key: value`, keys right-aligned (identity, resource, monitor rounds). */
export function* propertyLines(row: Attrs, view: PrintView | undefined): Generator<string> {
  const keys = Object.keys(row).filter((key) => key !== '.id' && key !== '.section');
  const width = Math.max(0, ...keys.map((key) => key.length)) + 2;
  for (const key of keys) {
    const value = row[key]!;
    yield `${key.padStart(width)}: ${view?.formats?.[key]?.(value) ?? value}`;
  }
}

/** Detail quotes a value that has spaces or script syntax in it, or nothing at all. */
function quoted(value: string): string {
  if (value !== '' && !/[\s"\\;$[\]{}=]/.test(value)) return value;
  return `"${value
    .replace(/[\\"]/g, (char) => `\\${char}`)
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')}"`;
}
