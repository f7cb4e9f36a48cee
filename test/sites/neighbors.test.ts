import { afterEach, describe, expect, it } from 'vitest';
import { announceOnLoopback } from '../../electron/neighbors/mndp-announcer';
import { decodeMndp, encodeMndp } from '../../electron/neighbors/mndp-packet';
import { NeighborWatcher } from '../../electron/neighbors/neighbor-watcher';
import type { Neighbor } from '../../shared/ipc/channels/sites';

/** A RouterOS 7 announcement as captured on a LAN: header, then TLVs in RouterOS's own order. */
function capturedPacket(): Buffer {
  const tlv = (type: number, value: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt16BE(type, 0);
    head.writeUInt16BE(value.length, 2);
    return Buffer.concat([head, value]);
  };
  const uptime = Buffer.alloc(4);
  uptime.writeUInt32LE(5596, 0);
  const ipv6 = Buffer.from('fe80000000000000764d28fffe910d2f', 'hex');
  return Buffer.concat([
    Buffer.from([0x00, 0x00, 0x00, 0x2a]),
    tlv(1, Buffer.from([0x74, 0x4d, 0x28, 0x91, 0x0d, 0x2f])),
    tlv(5, Buffer.from('MikroTik')),
    tlv(7, Buffer.from('7.15.3 (stable) 2024-07-24 10:39:01')),
    tlv(8, Buffer.from('MikroTik')),
    tlv(10, uptime),
    tlv(11, Buffer.from('H792-MXJ3')),
    tlv(12, Buffer.from('RBD52G-5HacD2HnD')),
    tlv(14, Buffer.from([0x00])),
    tlv(15, ipv6),
    tlv(16, Buffer.from('bridge/ether2')),
    tlv(17, Buffer.from([192, 168, 88, 1])),
  ]);
}

describe('MNDP packets', () => {
  it('reads a RouterOS announcement', () => {
    expect(decodeMndp(capturedPacket())).toEqual({
      macAddress: '74:4D:28:91:0D:2F',
      identity: 'MikroTik',
      version: '7.15.3 (stable) 2024-07-24 10:39:01',
      platform: 'MikroTik',
      uptime: 5596,
      softwareId: 'H792-MXJ3',
      board: 'RBD52G-5HacD2HnD',
      ipv6: 'fe80::764d:28ff:fe91:d2f',
      interfaceName: 'bridge/ether2',
      ipv4: '192.168.88.1',
    });
  });

  it('refuses truncated and foreign packets', () => {
    const packet = capturedPacket();
    expect(decodeMndp(packet.subarray(0, packet.length - 2))).toBeUndefined();
    expect(decodeMndp(Buffer.from([0, 0]))).toBeUndefined();
    expect(decodeMndp(Buffer.from([0, 0, 0, 0]))).toBeUndefined();
    expect(decodeMndp(Buffer.from('GET / HTTP/1.1\r\n\r\n'))).toBeUndefined();
  });

  it('writes what it reads', () => {
    const announced = {
      macAddress: '02:00:00:AA:BB:01',
      identity: 'Demo router',
      version: '7.18.2 (stable)',
      board: 'CHR',
      interfaceName: 'ether1',
      ipv4: '127.0.0.1',
      uptime: 42,
    };
    expect(decodeMndp(encodeMndp(announced, 7))).toMatchObject(announced);
  });
});

describe('neighbor discovery on loopback', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const stop of cleanup.splice(0).reverse()) await stop();
  });

  it('lists an announcing router, then forgets it when it falls silent', async () => {
    const lists: Neighbor[][] = [];
    let heard: () => void = () => undefined;
    const watcher = await NeighborWatcher.start({
      host: '127.0.0.1',
      port: 0,
      expireMs: 400,
      onChange: (neighbors) => {
        lists.push(neighbors);
        heard();
      },
    });
    cleanup.push(() => watcher.stop());
    const firstHeard = new Promise<void>((resolve) => {
      heard = resolve;
    });
    const announcer = announceOnLoopback({
      port: watcher.port,
      intervalMs: 60_000,
      announcement: () => ({
        identity: 'Demo router',
        macAddress: '02:00:00:AA:BB:01',
        version: '7.18.2',
        board: 'CHR',
      }),
    });
    await firstHeard;
    expect(watcher.list()).toEqual([
      expect.objectContaining({
        identity: 'Demo router',
        macAddress: '02:00:00:AA:BB:01',
        address: '127.0.0.1',
        version: '7.18.2',
        board: 'CHR',
      }),
    ]);
    await announcer.stop();
    await expect.poll(() => watcher.list(), { timeout: 2000, interval: 50 }).toEqual([]);
    // Changes reach the renderer coalesced, a moment after they happen.
    await expect.poll(() => lists.at(-1), { timeout: 2000, interval: 50 }).toEqual([]);
  });
});
