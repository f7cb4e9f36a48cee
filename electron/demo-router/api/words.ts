// The RouterOS API wire format: a sentence is a list of words, each word a length prefix (1 to 5
// bytes) and that many bytes, ended by a zero-length word. Words are carried as latin1 strings so
// every byte maps to one character and back: RouterOS itself is byte-transparent (clients such as
// node-routeros send win1252), and the demo router must hand back exactly the bytes it was given.

/** A violation of the wire format. It ends the connection it came from, never the process. */
export class ProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/** The longest length the 5-byte form can carry (a 32-bit count after the 0xF0 marker). */
const MAX_ENCODABLE = 0xffffffff;

/**
 * A length prefix in the shortest of the five forms, most significant byte first, as latin1
 * characters (one per byte): a sentence is built as one string and turned into bytes in one go.
 */
function lengthPrefix(length: number): string {
  if (length < 0x80) return String.fromCharCode(length);
  if (length < 0x4000) return String.fromCharCode((length >> 8) | 0x80, length & 0xff);
  if (length < 0x200000) {
    return String.fromCharCode((length >> 16) | 0xc0, (length >> 8) & 0xff, length & 0xff);
  }
  if (length < 0x10000000) {
    return String.fromCharCode(
      (length >> 24) | 0xe0,
      (length >> 16) & 0xff,
      (length >> 8) & 0xff,
      length & 0xff,
    );
  }
  return String.fromCharCode(0xf0, length >>> 24, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff);
}

/** Encodes a word length in the shortest of the five forms. */
export function encodeLength(length: number): Buffer {
  if (!Number.isInteger(length) || length < 0 || length > MAX_ENCODABLE) {
    throw new RangeError(`word length out of range: ${length}`);
  }
  return Buffer.from(lengthPrefix(length), 'latin1');
}

/** Encodes one sentence, words and the terminating zero-length word, into a single buffer. */
export function encodeSentence(words: readonly string[]): Buffer {
  let text = '';
  for (const word of words) text += lengthPrefix(word.length) + word;
  return Buffer.from(`${text}\0`, 'latin1');
}

/** How many bytes a length prefix takes, judged by its first byte. */
function prefixSize(first: number): number {
  if (first < 0x80) return 1;
  if (first < 0xc0) return 2;
  if (first < 0xe0) return 3;
  if (first < 0xf0) return 4;
  if (first === 0xf0) return 5;
  // 0xF8-0xFF are reserved control bytes; 0xF1-0xF7 are no form at all. Neither can be skipped,
  // because nothing tells how long whatever follows is.
  throw new ProtocolError(
    first >= 0xf8
      ? `control byte 0x${first.toString(16)} where a word length was expected`
      : `invalid word length prefix 0x${first.toString(16)}`,
  );
}

/** The length prefix at `offset` of `available` bytes read through `byteAt`. */
function readLength(
  byteAt: (index: number) => number,
  available: number,
  offset: number,
): { length: number; size: number } | undefined {
  if (offset >= available) return undefined;
  const first = byteAt(offset);
  const size = prefixSize(first);
  if (offset + size > available) return undefined;
  // The marker bits take the top `size` bits of the first byte; the 5-byte form's first byte is all marker.
  let length = size === 5 ? 0 : first & (0xff >> size);
  for (let index = 1; index < size; index += 1) length = length * 0x100 + byteAt(offset + index);
  return { length, size };
}

/**
 * Decodes the length prefix at `offset`: the length and the prefix's own size, or undefined when
 * the buffer ends inside the prefix. Non-minimal encodings are accepted, as a lenient peer would.
 */
export function decodeLength(bytes: Uint8Array, offset = 0): { length: number; size: number } | undefined {
  return readLength((index) => bytes[index]!, bytes.length, offset);
}

export interface SentenceLimits {
  /** Longest single word, in bytes. */
  maxWordBytes: number;
  /** Longest sentence, in bytes, counting length prefixes. */
  maxSentenceBytes: number;
}

/**
 * Turns a byte stream into sentences, however the stream is chunked. A length beyond the limits
 * raises a ProtocolError before any of it is buffered, so a peer cannot make the reader allocate
 * what it merely announces. Empty sentences are skipped, as RouterOS skips them.
 */
export class SentenceDecoder {
  /** What has arrived but is not yet whole words, one latin1 character per byte. */
  private pending = '';
  /** How long `pending` must be before the word it starts with is whole. */
  private needed = 0;
  private words: string[] = [];
  private sentenceBytes = 0;

  constructor(private limits: SentenceLimits) {}

  /** Changes the limits from the next word on (the API server widens them after login). */
  setLimits(limits: SentenceLimits): void {
    this.limits = limits;
  }

  /** Feeds a chunk; returns the sentences it completed, in order. */
  push(chunk: Buffer): string[][] {
    // Decoding a whole chunk at once and slicing words out of the string costs far less than
    // one conversion per word; a long word is only joined up once all of it is here.
    this.pending += chunk.toString('latin1');
    if (this.pending.length < this.needed) return [];
    const text = this.pending;
    const byteAt = (index: number) => text.charCodeAt(index);
    const sentences: string[][] = [];
    let at = 0;
    this.needed = 0;
    for (;;) {
      const prefix = readLength(byteAt, text.length, at);
      if (!prefix) break;
      const { length, size } = prefix;
      if (length === 0) {
        at += size;
        if (this.words.length > 0) sentences.push(this.words);
        this.words = [];
        this.sentenceBytes = 0;
        continue;
      }
      this.admit(length, size);
      if (at + size + length > text.length) {
        this.needed = size + length;
        break;
      }
      this.words.push(text.slice(at + size, at + size + length));
      this.sentenceBytes += size + length;
      at += size + length;
    }
    this.pending = text.slice(at);
    return sentences;
  }

  /** Refuses a word the limits do not allow; asked again, unchanged, until the word is whole. */
  private admit(length: number, prefixBytes: number): void {
    if (length > this.limits.maxWordBytes) {
      throw new ProtocolError(`word of ${length} bytes exceeds the limit of ${this.limits.maxWordBytes}`);
    }
    if (this.sentenceBytes + prefixBytes + length > this.limits.maxSentenceBytes) {
      throw new ProtocolError(`sentence exceeds the limit of ${this.limits.maxSentenceBytes} bytes`);
    }
  }
}
