// The two address families the router routes, behind one interface so the route table, its
// resolution and the `/ip` and `/ipv6` menus are one piece of code: IPv4 addresses are unsigned
// 32-bit numbers (the hot paths of a million-route table want numbers), IPv6 ones 128-bit bigints.
import ipaddr from 'ipaddr.js';
import { comparePrefixes, contains, formatIp, maskOf, type Prefix, readIp, readPrefix } from './values';

export interface AddressFamily<A> {
  /** `ip` or `ipv6`: the menu the family's commands live under. */
  readonly menu: 'ip' | 'ipv6';
  readonly bits: number;
  read(text: string): A | undefined;
  format(address: A): string;
  /** `10.0.0.0/8`, or a bare address as a host route; host bits are cleared. */
  readPrefix(text: string): Prefix<A> | undefined;
  contains(prefix: Prefix<A>, address: A): boolean;
  /** Print order of destinations: by address, then the shorter prefix first. */
  compare(a: Prefix<A>, b: Prefix<A>): number;
  /** The network an address with this prefix length is on. */
  network(address: A, length: number): A;
  /** The destination of a default route, `0.0.0.0/0` or `::/0`. */
  readonly any: Prefix<A>;
}

export const IPV4: AddressFamily<number> = {
  menu: 'ip',
  bits: 32,
  read: readIp,
  format: formatIp,
  readPrefix,
  contains,
  compare: comparePrefixes,
  network: (address, length) => (address & maskOf(length)) >>> 0,
  any: { address: 0, length: 0 },
};

const ALL_ONES = (1n << 128n) - 1n;
const mask6 = (length: number): bigint => (ALL_ONES << BigInt(128 - length)) & ALL_ONES;

function readIp6(text: string): bigint | undefined {
  // Only the colon forms RouterOS takes; ipaddr.js would also read a zone (`%eth0`) into the address.
  if (!ipaddr.IPv6.isValid(text) || text.includes('%')) return undefined;
  let value = 0n;
  for (const byte of ipaddr.IPv6.parse(text).toByteArray()) value = (value << 8n) | BigInt(byte);
  return value;
}

function formatIp6(address: bigint): string {
  const bytes: number[] = [];
  for (let shift = 120n; shift >= 0n; shift -= 8n) bytes.push(Number((address >> shift) & 255n));
  // RFC 5952's shortest form, as RouterOS prints addresses (`2001:db8::1`).
  return ipaddr.fromByteArray(bytes).toString();
}

export const IPV6: AddressFamily<bigint> = {
  menu: 'ipv6',
  bits: 128,
  read: readIp6,
  format: formatIp6,
  readPrefix: (text) => {
    const [addressText = '', lengthText, extra] = text.split('/');
    if (extra !== undefined) return undefined;
    const address = readIp6(addressText);
    if (address === undefined) return undefined;
    if (lengthText === undefined) return { address, length: 128 };
    if (!/^\d{1,3}$/.test(lengthText) || Number(lengthText) > 128) return undefined;
    const length = Number(lengthText);
    return { address: address & mask6(length), length };
  },
  contains: (prefix, address) => (address & mask6(prefix.length)) === prefix.address,
  compare: (a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : a.length - b.length),
  network: (address, length) => address & mask6(length),
  any: { address: 0n, length: 0 },
};

/** `fe80::/10`: link-local addresses, meaningful only together with an interface. */
export const LINK_LOCAL: Prefix<bigint> = IPV6.readPrefix('fe80::/10')!;
