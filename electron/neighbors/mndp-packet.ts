// MikroTik Neighbor Discovery Protocol (MNDP), UDP port 5678. A packet is a 4-byte header (type,
// TTL, 16-bit sequence number) followed by TLVs: 16-bit type, 16-bit length, both big-endian, then
// the value. Strings are UTF-8, uptime is a 32-bit little-endian count of seconds.
import { isIPv4 } from 'node:net';
import ipaddr from 'ipaddr.js';

export const MNDP_PORT = 5678;

const tlv = {
  mac: 1,
  identity: 5,
  version: 7,
  platform: 8,
  uptime: 10,
  softwareId: 11,
  board: 12,
  unpack: 14,
  ipv6: 15,
  interfaceName: 16,
  ipv4: 17,
} as const;

export interface MndpAnnouncement {
  macAddress: string;
  identity: string;
  version: string;
  platform: string;
  board: string;
  interfaceName: string;
  /** Seconds. */
  uptime?: number;
  softwareId: string;
  ipv4: string;
  ipv6: string;
}

const stringFields = ['identity', 'version', 'platform', 'board', 'interfaceName', 'softwareId'] as const;

function formatMac(bytes: Buffer): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join(':');
}

/** Reads an announcement; undefined when the bytes are not a well-formed MNDP packet. */
export function decodeMndp(packet: Buffer): MndpAnnouncement | undefined {
  if (packet.length < 4) return undefined;
  const found: MndpAnnouncement = {
    macAddress: '',
    identity: '',
    version: '',
    platform: '',
    board: '',
    interfaceName: '',
    softwareId: '',
    ipv4: '',
    ipv6: '',
  };
  let at = 4;
  while (at < packet.length) {
    if (at + 4 > packet.length) return undefined;
    const type = packet.readUInt16BE(at);
    const length = packet.readUInt16BE(at + 2);
    const value = packet.subarray(at + 4, at + 4 + length);
    if (value.length !== length) return undefined;
    at += 4 + length;
    switch (type) {
      case tlv.mac:
        if (length === 6) found.macAddress = formatMac(value);
        break;
      case tlv.uptime:
        if (length === 4) found.uptime = value.readUInt32LE(0);
        break;
      case tlv.ipv4:
        if (length === 4) found.ipv4 = ipaddr.fromByteArray([...value]).toString();
        break;
      case tlv.ipv6:
        if (length === 16) found.ipv6 = ipaddr.fromByteArray([...value]).toString();
        break;
      default: {
        const field = stringFields.find((name) => tlv[name] === type);
        if (field) found[field] = value.toString('utf8');
      }
    }
  }
  return found.macAddress || found.identity ? found : undefined;
}

function entry(type: number, value: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt16BE(type, 0);
  header.writeUInt16BE(value.length, 2);
  return Buffer.concat([header, value]);
}

/** Writes an announcement, as the demo router sends it. */
export function encodeMndp(announcement: Partial<MndpAnnouncement>, sequence = 0): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt16BE(sequence & 0xffff, 2);
  const parts: Buffer[] = [header];
  if (announcement.macAddress) {
    parts.push(
      entry(
        tlv.mac,
        Buffer.from(announcement.macAddress.split(/[:-]/).map((hex) => Number.parseInt(hex, 16))),
      ),
    );
  }
  for (const field of stringFields) {
    const value = announcement[field];
    if (value) parts.push(entry(tlv[field], Buffer.from(value, 'utf8')));
  }
  if (announcement.uptime !== undefined) {
    const uptime = Buffer.alloc(4);
    uptime.writeUInt32LE(announcement.uptime >>> 0, 0);
    parts.push(entry(tlv.uptime, uptime));
  }
  if (announcement.ipv4 && isIPv4(announcement.ipv4)) {
    parts.push(entry(tlv.ipv4, Buffer.from(announcement.ipv4.split('.').map(Number))));
  }
  return Buffer.concat(parts);
}
