/**
 * Interned strings: a column holds small ids instead of a string per row. A full routing table has
 * a million routes but only a handful of gateways, tables and check-gateway values.
 */
export class StringPool {
  private readonly ids = new Map<string, number>([['', 0]]);
  readonly values: string[] = [''];

  intern(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }

  get(id: number): string {
    return this.values[id] ?? '';
  }

  get size(): number {
    return this.values.length;
  }
}
