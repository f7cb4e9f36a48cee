import { describe, expect, it } from 'vitest';
import {
  decodeLength,
  encodeLength,
  encodeSentence,
  ProtocolError,
  SentenceDecoder,
} from '../../electron/demo-router/api/words';

const WIDE = { maxWordBytes: 8 << 20, maxSentenceBytes: 32 << 20 };

// The table in RouterOS's API docs: 1 byte up to 0x7F, then len|0x8000, len|0xC00000,
// len|0xE0000000 in 2, 3, 4 bytes, then 0xF0 and the length as four bytes.
const BOUNDARIES: Array<[number, number[]]> = [
  [0x00, [0x00]],
  [0x7f, [0x7f]],
  [0x80, [0x80, 0x80]],
  [0x3fff, [0xbf, 0xff]],
  [0x4000, [0xc0, 0x40, 0x00]],
  [0x1fffff, [0xdf, 0xff, 0xff]],
  [0x200000, [0xe0, 0x20, 0x00, 0x00]],
  [0xfffffff, [0xef, 0xff, 0xff, 0xff]],
  [0x10000000, [0xf0, 0x10, 0x00, 0x00, 0x00]],
  [0xffffffff, [0xf0, 0xff, 0xff, 0xff, 0xff]],
];

/** A small deterministic generator, so a failing chunking is reproducible. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

function decodeAll(bytes: Buffer, cuts: number[], limits = WIDE): string[][] {
  const decoder = new SentenceDecoder(limits);
  const sentences: string[][] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    sentences.push(...decoder.push(bytes.subarray(from, cut)));
    from = cut;
  }
  return sentences;
}

describe('word lengths', () => {
  it.each(BOUNDARIES)('encodes %i in its form', (length, bytes) => {
    expect([...encodeLength(length)]).toEqual(bytes);
  });

  it.each(BOUNDARIES)('decodes the form of %i', (length, bytes) => {
    expect(decodeLength(Buffer.from(bytes))).toEqual({ length, size: bytes.length });
  });

  it('round-trips every length next to a boundary', () => {
    for (const [boundary] of BOUNDARIES) {
      for (const length of [boundary - 1, boundary, boundary + 1]) {
        if (length < 0 || length > 0xffffffff) continue;
        expect(decodeLength(encodeLength(length))?.length).toBe(length);
      }
    }
  });

  it('asks for more bytes when the prefix is cut short, at any offset', () => {
    const bytes = Buffer.from([0x41, 0xe0, 0x20, 0x00]);
    expect(decodeLength(bytes, 1)).toBeUndefined();
    expect(decodeLength(bytes, 4)).toBeUndefined();
    expect(decodeLength(Buffer.from([0xf0, 1, 2, 3]))).toBeUndefined();
  });

  it('refuses control bytes 0xF8-0xFF and the non-forms 0xF1-0xF7', () => {
    for (let first = 0xf1; first <= 0xff; first += 1) {
      expect(() => decodeLength(Buffer.from([first, 0, 0, 0, 0]))).toThrow(ProtocolError);
    }
  });

  it('refuses lengths the 5-byte form cannot carry', () => {
    expect(() => encodeLength(0x100000000)).toThrow(RangeError);
    expect(() => encodeLength(-1)).toThrow(RangeError);
  });
});

describe('sentences', () => {
  it('frames words with their lengths and ends with a zero-length word', () => {
    expect([...encodeSentence(['/login', '=name=admin'])]).toEqual([
      6,
      ...Buffer.from('/login'),
      11,
      ...Buffer.from('=name=admin'),
      0,
    ]);
  });

  it('round-trips words whose lengths sit on each side of every boundary it can hold', () => {
    const lengths = [0x7f, 0x80, 0x3fff, 0x4000, 0x1fffff, 0x200000];
    const words = lengths.map((length, index) => String.fromCharCode(97 + index).repeat(length));
    const bytes = encodeSentence(words);
    // The prefixes sit where the table says and have the size it gives.
    let at = 0;
    for (const length of lengths) {
      const prefix = decodeLength(bytes, at)!;
      expect(prefix.length).toBe(length);
      at += prefix.size + length;
    }
    expect(decodeAll(bytes, [])).toEqual([words]);
  });

  it('keeps every byte value as it came (latin1 in, latin1 out)', () => {
    const word = `=comment=${Array.from({ length: 256 }, (_, code) => String.fromCharCode(code)).join('')}`;
    const bytes = encodeSentence(['!re', word]);
    expect(bytes.length).toBe(1 + 3 + 2 + word.length + 1);
    expect(decodeAll(bytes, [])).toEqual([['!re', word]]);
  });

  it('decodes the same sentences however the stream is cut', () => {
    const sentences = [
      ['/ip/route/print', '=.proplist=.id,gateway', '?dst-address=0.0.0.0/0', '.tag=7'],
      ['/system/script/add', `=source=${':put "a=b"; '.repeat(20)}`],
      ['!re', `=comment=${'x'.repeat(0x80)}`, '.tag=1'],
      ['/quit'],
    ];
    const bytes = Buffer.concat(sentences.map((words) => encodeSentence(words)));
    // Every single cut point, then one byte at a time.
    for (let cut = 0; cut <= bytes.length; cut += 1) expect(decodeAll(bytes, [cut])).toEqual(sentences);
    expect(
      decodeAll(
        bytes,
        Array.from({ length: bytes.length }, (_, index) => index),
      ),
    ).toEqual(sentences);
  });

  it('decodes long words cut anywhere, prefixes included', () => {
    const sentences = [
      ['!re', `=comment=${'y'.repeat(0x4000)}`, '.tag=2'],
      ['!re', `=script=${'z'.repeat(0x200000)}`, '.tag=2'],
      ['!done', '.tag=2'],
    ];
    const bytes = Buffer.concat(sentences.map((words) => encodeSentence(words)));
    const next = random(3);
    for (let round = 0; round < 50; round += 1) {
      const cuts = Array.from({ length: 1 + Math.floor(next() * 40) }, () =>
        Math.floor(next() * bytes.length),
      );
      expect(
        decodeAll(
          bytes,
          cuts.sort((a, b) => a - b),
        ),
      ).toEqual(sentences);
    }
    // Cuts inside the 3-byte and the 4-byte prefix, each right after a 4-byte `!re` word.
    const second = encodeSentence(sentences[0]!).length;
    expect(decodeLength(bytes, 4)?.size).toBe(3);
    expect(decodeLength(bytes, second + 4)?.size).toBe(4);
    expect(decodeAll(bytes, [5, 6, second + 5, second + 7])).toEqual(sentences);
  });

  it('skips empty sentences, as RouterOS does', () => {
    const bytes = Buffer.concat([Buffer.from([0, 0]), encodeSentence(['/cancel']), Buffer.from([0])]);
    expect(decodeAll(bytes, [1])).toEqual([['/cancel']]);
  });

  it('refuses a word longer than the limit from its prefix alone, before any of it arrives', () => {
    const decoder = new SentenceDecoder({ maxWordBytes: 1024, maxSentenceBytes: 4096 });
    expect(() => decoder.push(Buffer.from([0xf0, 0x7f, 0xff, 0xff, 0xff]))).toThrow(/exceeds the limit/);
    expect(() => new SentenceDecoder(WIDE).push(encodeLength(0x10000000))).toThrow(ProtocolError);
  });

  it('refuses a sentence whose words add up past the limit', () => {
    const decoder = new SentenceDecoder({ maxWordBytes: 100, maxSentenceBytes: 250 });
    const words = encodeSentence(['a'.repeat(100), 'b'.repeat(100)]).subarray(0, -1);
    expect(decoder.push(words)).toEqual([]);
    expect(() => decoder.push(encodeSentence(['c'.repeat(100)]))).toThrow(ProtocolError);
  });

  it('counts the limit per sentence, not per connection', () => {
    const decoder = new SentenceDecoder({ maxWordBytes: 100, maxSentenceBytes: 250 });
    for (let round = 0; round < 10; round += 1) {
      expect(decoder.push(encodeSentence(['a'.repeat(100), 'b'.repeat(100)]))).toHaveLength(1);
    }
  });

  it('applies widened limits from the next word on', () => {
    const decoder = new SentenceDecoder({ maxWordBytes: 10, maxSentenceBytes: 100 });
    decoder.setLimits({ maxWordBytes: 1000, maxSentenceBytes: 2000 });
    expect(decoder.push(encodeSentence(['z'.repeat(500)]))).toEqual([['z'.repeat(500)]]);
  });
});
