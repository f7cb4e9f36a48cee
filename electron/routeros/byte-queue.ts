/**
 * Bytes received and not yet used, for decoders that must wait for the rest of a word or sentence.
 * Appending copies each byte once into a buffer that doubles when full (amortised linear time);
 * `Buffer.concat` of what is held with every new chunk would copy a long partial reply again on
 * each chunk, which is quadratic in its length. The first chunk after the queue empties is held
 * as it is, without a copy: most chunks are decoded whole and never need one.
 */
export class ByteQueue {
  private buffer: Buffer = Buffer.alloc(0);
  private start = 0;
  private end = 0;
  /** Whether `buffer` is this queue's own (writable) or a chunk it was handed. */
  private owned = false;

  get length(): number {
    return this.end - this.start;
  }

  /** The bytes held, as a view valid until the next append. */
  bytes(): Buffer {
    return this.buffer.subarray(this.start, this.end);
  }

  append(chunk: Buffer): void {
    if (chunk.length === 0) return;
    if (this.length === 0) {
      this.buffer = chunk;
      this.start = 0;
      this.end = chunk.length;
      this.owned = false;
      return;
    }
    const needed = this.length + chunk.length;
    if (this.owned && this.end + chunk.length <= this.buffer.length) {
      // Fits behind what is held.
    } else if (this.owned && needed <= this.buffer.length / 2) {
      // At most half the buffer is live: the bytes moved are paid for by the half-buffer or more
      // appended since the last move.
      this.buffer.copyWithin(0, this.start, this.end);
      this.end = this.length;
      this.start = 0;
    } else {
      const grown = Buffer.allocUnsafe(Math.max(needed * 2, this.owned ? this.buffer.length * 2 : 0));
      this.buffer.copy(grown, 0, this.start, this.end);
      this.end = this.length;
      this.start = 0;
      this.buffer = grown;
      this.owned = true;
    }
    chunk.copy(this.buffer, this.end);
    this.end += chunk.length;
  }

  /** Drops the first `count` bytes held. */
  consume(count: number): void {
    this.start = Math.min(this.start + count, this.end);
    if (this.start === this.end) {
      this.buffer = Buffer.alloc(0);
      this.start = 0;
      this.end = 0;
      this.owned = false;
    }
  }
}
