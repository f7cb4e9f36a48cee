// Values in RouterOS scripts: strings, numbers, booleans, nothing, internal ids (`*1`) and arrays,
// which are lists or key-value maps (kept sorted by key, as RouterOS keeps them).

export class ItemId {
  constructor(readonly id: string) {}
}

export type Entry = readonly [key: string | undefined, value: Value];

export class RosArray {
  readonly entries: readonly Entry[];

  constructor(entries: readonly Entry[]) {
    const keyed = entries.filter(([key]) => key !== undefined);
    this.entries = keyed.length === entries.length && keyed.length > 0 ? [...entries].sort(byKey) : entries;
  }

  static list(values: readonly Value[]): RosArray {
    return new RosArray(values.map((value) => [undefined, value] as const));
  }

  static keyed(record: Readonly<Record<string, string>>): RosArray {
    return new RosArray(Object.entries(record));
  }

  get(key: string): Value | undefined {
    return this.entries.find(([name]) => name === key)?.[1];
  }

  values(): Value[] {
    return this.entries.map(([, value]) => value);
  }
}

const byKey = (a: Entry, b: Entry) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0);

export type Value = string | number | boolean | null | ItemId | RosArray;

/** How `:put` shows a value: arrays joined with `;`, key-value entries as `key=value`. */
export function toText(value: Value): string {
  if (value === null) return '';
  if (value instanceof ItemId) return value.id;
  if (value instanceof RosArray) {
    return value.entries
      .map(([key, item]) => (key === undefined ? toText(item) : `${key}=${toText(item)}`))
      .join(';');
  }
  return String(value);
}

/** A value as a command argument: a list (of ids, from `find`) is comma-separated. */
export function toArgument(value: Value): string {
  if (value instanceof RosArray) return value.values().map(toArgument).join(',');
  return toText(value);
}

export function typeOf(value: Value): string {
  if (value === null) return 'nothing';
  if (value instanceof ItemId) return 'id';
  if (value instanceof RosArray) return 'array';
  if (typeof value === 'number') return 'num';
  if (typeof value === 'boolean') return 'bool';
  return 'str';
}
