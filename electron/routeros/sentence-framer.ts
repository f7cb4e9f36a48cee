import { ProtocolError, type SentenceLimits } from '../demo-router/api/words';
import { ByteQueue } from './byte-queue';
import { replyLimits } from './reply-limits';

/**
 * Cuts a RouterOS API byte stream at sentence ends, however it is chunked, for decoders that must
 * see whole sentences. Each length prefix is checked against the limits as soon as it is read,
 * before the bytes it announces are waited for: a peer announcing 4 GiB is refused at once, not
 * buffered. Scanning resumes where the last chunk ended, so a long sentence arriving in small
 * chunks is looked at once, and the bytes are held in a ByteQueue: both linear in the stream.
 */
export class SentenceFramer {
  private readonly pending = new ByteQueue();
  /** Where in `pending` the next word not yet looked at starts. */
  private scanned = 0;
  /** Bytes of the unfinished sentence's words before `scanned`. */
  private sentenceBytes = 0;
  /** Once the stream is known bad, nothing after can be framed: every later push fails alike. */
  private failure: ProtocolError | undefined;

  constructor(private readonly limits: SentenceLimits = replyLimits) {}

  /**
   * Whether whole sentences are held that the last push did not return (it was given a maximum).
   */
  more = false;

  /** Holds a chunk without looking at it yet: the next push frames it, after what came before. */
  hold(chunk: Buffer): void {
    this.pending.append(chunk);
  }

  /**
   * Feeds a chunk (may be empty, to take what is held); returns the bytes of whole sentences (maybe
   * none), a view valid until the next push: all of them, or with `maxBytes` those up to the first
   * sentence end at or past it. Throws a ProtocolError on bytes that are not RouterOS framing (a
   * control byte where a length belongs) or a word or sentence over the limits.
   */
  push(chunk: Buffer, maxBytes = Number.POSITIVE_INFINITY): Buffer {
    if (this.failure) throw this.failure;
    try {
      return this.cut(chunk, maxBytes);
    } catch (error) {
      if (error instanceof ProtocolError) this.failure = error;
      throw error;
    }
  }

  private cut(chunk: Buffer, maxBytes: number): Buffer {
    this.pending.append(chunk);
    const bytes = this.pending.bytes();
    const { maxWordBytes, maxSentenceBytes } = this.limits;
    let end = 0;
    let at = this.scanned;
    while (at < bytes.length) {
      const first = bytes[at]!;
      const size = first < 0x80 ? 1 : first < 0xc0 ? 2 : first < 0xe0 ? 3 : first < 0xf0 ? 4 : 5;
      if (first > 0xf0) {
        throw new ProtocolError(
          first >= 0xf8
            ? `control byte 0x${first.toString(16)} where a word length was expected`
            : `invalid word length prefix 0x${first.toString(16)}`,
        );
      }
      if (at + size > bytes.length) break;
      let length = size === 5 ? 0 : first & (0xff >> size);
      for (let i = 1; i < size; i++) length = length * 0x100 + bytes[at + i]!;
      if (length > maxWordBytes) {
        throw new ProtocolError(`a word of ${length} bytes, over the limit of ${maxWordBytes}`);
      }
      const wordBytes = size + length;
      if (this.sentenceBytes + wordBytes > maxSentenceBytes) {
        throw new ProtocolError(`a sentence over the limit of ${maxSentenceBytes} bytes`);
      }
      if (at + wordBytes > bytes.length) break;
      at += wordBytes;
      this.sentenceBytes += wordBytes;
      if (length === 0) {
        end = at;
        this.sentenceBytes = 0;
        if (end >= maxBytes) break;
      }
    }
    this.more = end >= maxBytes && at < bytes.length;
    this.scanned = at - end;
    this.pending.consume(end);
    return bytes.subarray(0, end);
  }
}
