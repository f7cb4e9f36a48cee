// RouterOS internal ids: a star and a 32-bit number in upper-case hex (`*1`, `*A`, `*80000001`).

export const formatId = (id: number): string => `*${id.toString(16).toUpperCase()}`;

export function readId(text: string): number | undefined {
  return /^\*[0-9A-Fa-f]{1,8}$/.test(text) ? Number.parseInt(text.slice(1), 16) : undefined;
}

/** Hands out ids in sequence, never twice, as a RouterOS menu does for the items added to it. */
export class IdSequence {
  constructor(private next: number) {}

  take(): number {
    const id = this.next;
    this.next += 1;
    return id;
  }

  /** Reserves `count` ids in one block and returns the first. */
  takeBlock(count: number): number {
    const first = this.next;
    this.next += count;
    return first;
  }
}
