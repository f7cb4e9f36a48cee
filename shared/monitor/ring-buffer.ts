/**
 * A fixed-capacity buffer of (time, value) pairs in typed arrays: once full, each push overwrites
 * the oldest sample, so a day of monitoring costs the same memory as a minute of it.
 */
export class RingBuffer {
  private readonly times: Float64Array;
  private readonly values: Float64Array;
  private start = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('capacity must be a positive integer');
    this.times = new Float64Array(capacity);
    this.values = new Float64Array(capacity);
  }

  get length(): number {
    return this.count;
  }

  /** Bytes held, for the memory benchmark. */
  get byteLength(): number {
    return this.times.byteLength + this.values.byteLength;
  }

  push(time: number, value: number): void {
    const index = (this.start + this.count) % this.capacity;
    this.times[index] = time;
    this.values[index] = value;
    if (this.count < this.capacity) this.count += 1;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** The samples at or after `since`, oldest first, as plain arrays a chart can take. */
  since(since: number): { times: number[]; values: number[] } {
    const times: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < this.count; i += 1) {
      const index = (this.start + i) % this.capacity;
      const time = this.times[index] as number;
      if (time < since) continue;
      times.push(time);
      values.push(this.values[index] as number);
    }
    return { times, values };
  }

  last(): { time: number; value: number } | undefined {
    if (this.count === 0) return undefined;
    const index = (this.start + this.count - 1) % this.capacity;
    return { time: this.times[index] as number, value: this.values[index] as number };
  }
}
