// RouterOS value syntax, read and written the way RouterOS does: yes/no booleans, bounded integers,
// durations (`1d2h3m4s`, `200ms`, `20ms123us`), IPv4 addresses and prefixes. Every parser traps
// with RouterOS's own wording, so a bad value reads the same over the API, the CLI and in scripts.

import { parseDuration as readDuration } from '../../../shared/routeros/duration';
import { RouterTrap } from '../command';

/** Argument value failures are trap category 1 (help.mikrotik.com, API → trap categories). */
const ARGUMENT = 1;

export function invalidValue(name: string): RouterTrap {
  return new RouterTrap(`invalid value for argument ${name}`, ARGUMENT);
}

export function noMatch(name: string): RouterTrap {
  return new RouterTrap(`input does not match any value of ${name}`, ARGUMENT);
}

export function parseBoolean(value: string, name: string): boolean {
  switch (value) {
    case 'yes':
    case 'true':
      return true;
    case 'no':
    case 'false':
      return false;
    default:
      throw invalidValue(name);
  }
}

/** API rows carry booleans as `true`/`false`. */
export const formatBoolean = (value: boolean): string => (value ? 'true' : 'false');

export function parseInteger(value: string, name: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(value.trim())) throw invalidValue(name);
  const number = Number(value);
  if (number < min || number > max) {
    throw new RouterTrap(`value of ${name} out of range (${min}..${max})`, ARGUMENT);
  }
  return number;
}

/** A time as RouterOS reads one, or its "invalid value" trap. */
export function parseDuration(text: string, name: string): number {
  const ms = readDuration(text);
  if (ms === undefined) throw invalidValue(name);
  return ms;
}

/** An IPv4 address as an unsigned 32-bit number, or undefined for anything but a dotted quad. */
export function readIp(text: string): number | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!match) return undefined;
  const octets = match.slice(1).map(Number);
  if (octets.some((octet) => octet > 255)) return undefined;
  return ((octets[0]! << 24) | (octets[1]! << 16) | (octets[2]! << 8) | octets[3]!) >>> 0;
}

export function formatIp(address: number): string {
  return [address >>> 24, (address >>> 16) & 255, (address >>> 8) & 255, address & 255].join('.');
}

export interface Prefix<A = number> {
  /** Network address, host bits cleared. */
  readonly address: A;
  readonly length: number;
}

export function maskOf(length: number): number {
  return length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
}

export function contains(prefix: Prefix, address: number): boolean {
  return (address & maskOf(prefix.length)) >>> 0 === prefix.address;
}

/** `10.0.0.0/8`, or a bare address as a /32; host bits are cleared, as RouterOS stores dst-address. */
export function readPrefix(text: string): Prefix | undefined {
  const [addressText = '', lengthText, extra] = text.split('/');
  if (extra !== undefined) return undefined;
  const address = readIp(addressText);
  if (address === undefined) return undefined;
  if (lengthText === undefined) return { address, length: 32 };
  if (!/^\d{1,2}$/.test(lengthText) || Number(lengthText) > 32) return undefined;
  const length = Number(lengthText);
  return { address: (address & maskOf(length)) >>> 0, length };
}

export function parsePrefix(text: string, name: string): Prefix {
  const prefix = readPrefix(text);
  if (!prefix) throw invalidValue(name);
  return prefix;
}

export const formatPrefix = (prefix: Prefix): string => `${formatIp(prefix.address)}/${prefix.length}`;

/** Print order of destinations: by address, then the shorter prefix first. */
export function comparePrefixes(a: Prefix, b: Prefix): number {
  return a.address - b.address || a.length - b.length;
}

const two = (n: number) => String(n).padStart(2, '0');

/** `2025-03-11`: RouterOS 7.10+ prints dates in ISO order, in the router's local time. */
export const formatDate = (date: Date): string =>
  `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`;

export const formatTime = (date: Date): string =>
  `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;

export const formatDateTime = (date: Date): string => `${formatDate(date)} ${formatTime(date)}`;
