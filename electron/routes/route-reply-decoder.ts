import { routeFlags } from '../../shared/routes/route';
import { ProtocolError } from '../demo-router/api/words';
import { RouterError } from '../routeros/router-client';
import { unreadableReply } from '../routeros/router-errors';
import { SentenceFramer } from '../routeros/sentence-framer';
import { byteAttrs, byteColumns, poolAttrs, poolColumns, type RouteTable } from './route-table';

/** What a bulk print reports as its reply arrives. */
export interface ReplyCallbacks {
  /** Rows went into the table (called once per chunk that held any). */
  rows(): void;
  done(): void;
  /** `!trap` or `!fatal` in RouterOS's words, or bytes that are not a reply Uplink can read. */
  failed(error: RouterError): void;
}

// Module-local copies: under a CommonJS transform every use of an imported binding is a getter call,
// and these are read a dozen times per row.
const pools = [...poolColumns];
const numbers = [...byteColumns];

// Column codes: where a `=name=value` word goes.
const idCode = 0;
const dstCode = 1;
const poolBase = 2;
const byteBase = poolBase + poolColumns.length;
const flagBase = byteBase + byteColumns.length;
const valueCodes = flagBase;

const hashOf = (bytes: Uint8Array, start: number, end: number) => {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return hash >>> 0;
};

interface Key {
  bytes: Buffer;
  code: number;
}

const keys: Key[] = [
  { bytes: Buffer.from('.id'), code: idCode },
  { bytes: Buffer.from('dst-address'), code: dstCode },
  ...poolColumns.map((column, i) => ({ bytes: Buffer.from(poolAttrs[column]), code: poolBase + i })),
  ...byteColumns.map((column, i) => ({ bytes: Buffer.from(byteAttrs[column]), code: byteBase + i })),
  ...routeFlags.map((flag, i) => ({ bytes: Buffer.from(flag.key), code: flagBase + i })),
];
const keysByHash = new Map(keys.map((key) => [hashOf(key.bytes, 0, key.bytes.length), key]));

const sameBytes = (a: Uint8Array, aStart: number, b: Uint8Array, bStart: number, length: number) => {
  for (let i = 0; i < length; i++) if (a[aStart + i] !== b[bStart + i]) return false;
  return true;
};

enum Kind {
  None,
  Row,
  Done,
  Trap,
  Fatal,
  Other,
}

/** The reply word (`!re`, `!done`, ...) from its bytes: `!re` a million times must not make a string each. */
function kindOf(bytes: Uint8Array, start: number, length: number): Kind {
  if (bytes[start] !== 0x21) return Kind.Other;
  const second = bytes[start + 1];
  if (length === 3 && second === 0x72) return Kind.Row;
  if (length === 5 && second === 0x64) return Kind.Done;
  if (length === 5 && second === 0x74) return Kind.Trap;
  if (length === 6 && second === 0x66) return Kind.Fatal;
  return Kind.Other;
}

/** Interned-string ids by the value's bytes: a repeated gateway costs a hash, not a string. */
const cacheSlots = 4096;
const cachedBytes = 48;

/**
 * Decodes a `/ip/route/print` reply from the raw API byte stream straight into a RouteTable's
 * columns. Only whole sentences are decoded (a SentenceFramer holds a partial one, within the reply
 * limits, until the rest arrives; bytes that are not framing fail the print), words are
 * never turned into strings unless they are new values for an interned column, and numbers,
 * flags and IPv4 destinations are read from the bytes themselves. Text is read as latin1, byte for
 * byte, as the session's node-routeros reads it (win1252), so both paths show a comment alike.
 */
export class RouteReplyDecoder {
  private readonly framer = new SentenceFramer();
  private readonly keyAt: (Key | undefined)[] = [];
  private readonly starts = new Int32Array(valueCodes);
  private readonly ends = new Int32Array(valueCodes);
  private flags = 0;
  private readonly cacheIds = new Int32Array(cacheSlots).fill(-1);
  private readonly cacheLengths = new Uint8Array(cacheSlots);
  private readonly cacheBytes = Buffer.alloc(cacheSlots * cachedBytes);
  private readonly cacheHashes = new Uint32Array(cacheSlots);
  private finished = false;

  constructor(
    private readonly table: RouteTable,
    private readonly callbacks: ReplyCallbacks,
  ) {}

  push(chunk: Buffer): void {
    if (this.finished) return;
    let whole: Buffer;
    try {
      whole = this.framer.push(chunk);
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      this.finished = true;
      this.callbacks.failed(unreadableReply(error.message));
      return;
    }
    if (whole.length > 0) this.decode(whole);
  }

  /** Decodes `bytes`, whole sentences as the framer cut them. */
  private decode(bytes: Buffer): void {
    let at = 0;
    let rows = 0;
    sentences: while (at < bytes.length) {
      let p = at;
      let kind = Kind.None;
      let position = 0;
      let other: Record<string, string> | undefined;
      for (let i = 0; i < valueCodes; i++) {
        this.starts[i] = 0;
        this.ends[i] = 0;
      }
      this.flags = 0;
      for (;;) {
        if (p >= bytes.length) break sentences;
        const first = bytes[p]!;
        const size = first < 0x80 ? 1 : first < 0xc0 ? 2 : first < 0xe0 ? 3 : first < 0xf0 ? 4 : 5;
        if (p + size > bytes.length) break sentences;
        let length = size === 1 ? first : first & (0xff >> size);
        for (let i = 1; i < size; i++) length = length * 256 + bytes[p + i]!;
        if (size === 5) length = bytes.readUInt32BE(p + 1);
        const start = p + size;
        const end = start + length;
        if (end > bytes.length) break sentences;
        p = end;
        if (length === 0) break;
        if (kind === Kind.None) kind = kindOf(bytes, start, length);
        else if (kind === Kind.Row) this.routeWord(bytes, start, end, position++);
        else if (bytes[start] === 0x3d) {
          const eq = bytes.indexOf(0x3d, start + 1);
          other ??= {};
          if (eq > 0 && eq < end)
            other[bytes.toString('latin1', start + 1, eq)] = bytes.toString('latin1', eq + 1, end);
        }
      }
      at = p;
      if (kind === Kind.Row) {
        if (this.commitRow(bytes)) rows += 1;
      } else if (kind === Kind.Done) {
        this.finished = true;
        if (rows > 0) this.callbacks.rows();
        this.callbacks.done();
        return;
      } else if (kind === Kind.Trap || kind === Kind.Fatal) {
        this.finished = true;
        const message = other?.message ?? 'The router refused the print';
        this.callbacks.failed(new RouterError(kind === Kind.Fatal ? 'fatal' : 'trap', message));
        return;
      }
    }
    if (rows > 0) this.callbacks.rows();
  }

  private routeWord(bytes: Buffer, start: number, end: number, position: number): void {
    if (bytes[start] !== 0x3d) return;
    // RouterOS sends a print's properties in the same order on every row: try the key seen at this
    // position last time before looking it up.
    let key = this.keyAt[position];
    let eq = key ? start + 1 + key.bytes.length : 0;
    if (
      !key ||
      eq >= end ||
      bytes[eq] !== 0x3d ||
      !sameBytes(key.bytes, 0, bytes, start + 1, key.bytes.length)
    ) {
      // A loop, not Buffer#indexOf: a native call per word costs more than scanning a dozen bytes.
      eq = start + 1;
      while (eq < end && bytes[eq] !== 0x3d) eq++;
      if (eq >= end) return;
      key = keysByHash.get(hashOf(bytes, start + 1, eq));
      if (
        !key ||
        key.bytes.length !== eq - start - 1 ||
        !sameBytes(key.bytes, 0, bytes, start + 1, key.bytes.length)
      ) {
        return;
      }
      this.keyAt[position] = key;
    }
    if (key.code >= flagBase) {
      // RouterOS writes booleans as `true`/`false`.
      if (bytes[eq + 1] === 0x74) this.flags |= 1 << (key.code - flagBase);
      return;
    }
    this.starts[key.code] = eq + 1;
    this.ends[key.code] = end;
  }

  private commitRow(bytes: Buffer): boolean {
    const idStart = this.starts[idCode]!;
    const idEnd = this.ends[idCode]!;
    if (idEnd - idStart < 2 || bytes[idStart] !== 0x2a) return false;
    let id = 0;
    for (let i = idStart + 1; i < idEnd; i++) {
      const c = bytes[i]!;
      const digit = c <= 57 ? c - 48 : (c | 0x20) - 87;
      if (digit < 0 || digit > 15) return false;
      id = id * 16 + digit;
    }
    const { table } = this;
    const slot = table.slotForId(id);
    table.setDst(slot, bytes, this.starts[dstCode]!, this.ends[dstCode]!);
    for (let i = 0; i < pools.length; i++) {
      table.pooled[pools[i]!][slot] = this.intern(
        bytes,
        this.starts[poolBase + i]!,
        this.ends[poolBase + i]!,
      );
    }
    for (let i = 0; i < numbers.length; i++) {
      let value = 0;
      for (let j = this.starts[byteBase + i]!; j < this.ends[byteBase + i]!; j++)
        value = value * 10 + bytes[j]! - 48;
      table.bytes[numbers[i]!][slot] = value & 0xff;
    }
    table.flags[slot] = this.flags;
    table.finishRow(slot);
    return true;
  }

  private intern(bytes: Buffer, start: number, end: number): number {
    const length = end - start;
    if (length === 0) return 0;
    const hash = hashOf(bytes, start, end);
    const slot = hash & (cacheSlots - 1);
    const at = slot * cachedBytes;
    if (
      this.cacheIds[slot]! >= 0 &&
      this.cacheHashes[slot] === hash &&
      this.cacheLengths[slot] === length &&
      sameBytes(this.cacheBytes, at, bytes, start, length)
    ) {
      return this.cacheIds[slot]!;
    }
    const id = this.table.pool.intern(bytes.toString('latin1', start, end));
    if (length <= cachedBytes) {
      bytes.copy(this.cacheBytes, at, start, end);
      this.cacheIds[slot] = id;
      this.cacheHashes[slot] = hash;
      this.cacheLengths[slot] = length;
    }
    return id;
  }
}
