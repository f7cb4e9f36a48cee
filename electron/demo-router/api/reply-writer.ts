// The outgoing half of an API connection: encodes reply sentences, tells producers when to wait
// (the socket's own backpressure, or replies held back by a fault), and carries out the faults.
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import type { ConnectionFaults, FaultTarget } from './faults';
import { encodeSentence } from './words';

/** Held-back bytes (stall, trickle) above which producers are asked to wait. */
const HELD_HIGH_WATER = 64 * 1024;

export class ReplyWriter implements FaultTarget {
  private held: Buffer[] = [];
  private heldBytes = 0;
  private stalled = false;
  private trickle: { bytes: number; intervalMs: number } | undefined;
  private trickleTimer: NodeJS.Timeout | undefined;
  private garbage: Buffer | undefined;
  private sentencesBeforeDrop = Number.POSITIVE_INFINITY;
  /** False once the last sentence has been accepted (a drop, a `!fatal`) or the socket is gone. */
  private accepting = true;
  /** Set when the connection is to close as soon as everything accepted has been written. */
  private closing = false;
  private waiters: Array<() => void> = [];

  constructor(private readonly socket: Socket) {
    socket.on('drain', () => this.wake());
    socket.once('close', () => {
      this.accepting = false;
      this.stopTrickle();
      this.wake();
    });
  }

  /** Bytes accepted but not yet handed to the kernel: the socket's queue and those held back. */
  get backlog(): number {
    return this.socket.writableLength + this.heldBytes;
  }

  /** Writes one reply sentence. Returns false when the producer should `await ready()` first. */
  send(words: readonly string[]): boolean {
    if (!this.accepting) return false;
    let bytes = encodeSentence(words);
    if (this.garbage) {
      bytes = Buffer.concat([this.garbage, bytes]);
      this.garbage = undefined;
    }
    this.output(bytes);
    this.sentencesBeforeDrop -= 1;
    if (this.sentencesBeforeDrop <= 0) this.closeAfterFlush();
    return this.writable();
  }

  /** Writes a last sentence (`!fatal`) and closes the connection once it is out. */
  sendLast(words: readonly string[]): void {
    if (!this.accepting) return;
    this.send(words);
    this.closeAfterFlush();
  }

  /** Resolves when the producer may write again, or when the connection will take no more. */
  ready(): Promise<void> {
    if (this.writable() || !this.accepting) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  apply(faults: ConnectionFaults): void {
    if (faults.garbage !== undefined) {
      this.garbage =
        typeof faults.garbage === 'number' ? randomBytes(faults.garbage) : Buffer.from(faults.garbage);
    }
    if (faults.stall !== undefined) this.stalled = faults.stall;
    if (faults.trickle !== undefined) {
      this.trickle = faults.trickle ?? undefined;
      this.stopTrickle();
    }
    if (faults.dropAfterSentences !== undefined) {
      this.sentencesBeforeDrop = faults.dropAfterSentences;
      if (this.sentencesBeforeDrop <= 0) this.closeAfterFlush();
    }
    this.release();
  }

  clear(): void {
    this.garbage = undefined;
    this.stalled = false;
    this.trickle = undefined;
    this.stopTrickle();
    this.sentencesBeforeDrop = Number.POSITIVE_INFINITY;
    this.release();
  }

  private writable(): boolean {
    return (
      this.accepting && !this.stalled && this.heldBytes < HELD_HIGH_WATER && !this.socket.writableNeedDrain
    );
  }

  private output(bytes: Buffer): void {
    if (this.stalled || this.trickle || this.held.length > 0) {
      this.held.push(bytes);
      this.heldBytes += bytes.length;
      this.release();
    } else {
      if (this.socket.writableCorked === 0) {
        this.socket.cork();
        process.nextTick(() => this.socket.uncork());
      }
      this.socket.write(bytes);
    }
  }

  private closeAfterFlush(): void {
    if (this.closing) return;
    this.closing = true;
    this.accepting = false;
    this.release();
  }

  /** Lets held bytes out as far as the faults allow; closes the socket once all is out, if due. */
  private release(): void {
    if (this.socket.destroyed || this.stalled) return;
    if (this.trickle && this.held.length > 0) {
      this.trickleTimer ??= setInterval(() => this.trickleOnce(), this.trickle.intervalMs);
      return;
    }
    for (const bytes of this.held) this.socket.write(bytes);
    this.held = [];
    this.heldBytes = 0;
    this.flushed();
  }

  private trickleOnce(): void {
    if (this.stalled || !this.trickle) return;
    let budget = this.trickle.bytes;
    while (budget > 0 && this.held.length > 0) {
      const first = this.held[0]!;
      const piece = first.subarray(0, budget);
      this.socket.write(piece);
      budget -= piece.length;
      this.heldBytes -= piece.length;
      if (piece.length === first.length) this.held.shift();
      else this.held[0] = first.subarray(piece.length);
    }
    if (this.held.length === 0) {
      this.stopTrickle();
      this.flushed();
    }
    this.wake();
  }

  private flushed(): void {
    if (this.closing && !this.socket.writableEnded) {
      // end() sends what is queued, then FIN; destroy() after that frees the socket even if the
      // peer never closes its side.
      this.socket.end(() => this.socket.destroy());
    }
    this.wake();
  }

  private stopTrickle(): void {
    clearInterval(this.trickleTimer);
    this.trickleTimer = undefined;
  }

  private wake(): void {
    if (!this.writable() && this.accepting) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
