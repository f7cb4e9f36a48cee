// The CLI channel reads back exactly what it wrote, whatever a value holds: written by Uplink's CLI
// client over SSH to the demo router's console, read back by it, and checked against the router's
// own API. Random values come from a seeded generator, so a failure names a value that fails again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouterClient } from '../../electron/routeros/router-client';
import { routerRows } from '../routes/demo-router-api';
import { type ChannelLab, startChannel } from '../support/channels';

let lab: ChannelLab;
let cli: RouterClient;

beforeAll(async () => {
  lab = await startChannel('ssh-cli');
  cli = await lab.connect();
});

afterAll(() => lab?.stop());

/** mulberry32: a small seeded generator, so every run tries the same values. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What makes a console value hard: its syntax, line breaks, control characters, other scripts. */
const PIECES = [
  ';',
  '=',
  '"',
  '\\',
  '$',
  '?',
  '[',
  ']',
  '{',
  '}',
  '(',
  ')',
  ' ',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '\x01',
  '\x7f',
  'é',
  'ü',
  '✓',
  '日本',
  '😀',
  ':',
  '/',
  '.id=*1',
  '$x',
  '$[:put 1]',
  '\\n',
  '"quoted"',
  'a',
  'B',
  '0',
  '-',
];

function randomValue(random: () => number): string {
  const length = Math.floor(random() * 12);
  let value = '';
  for (let index = 0; index < length; index += 1) value += PIECES[Math.floor(random() * PIECES.length)];
  return value;
}

async function addRoute(comment: string): Promise<string> {
  const { ret } = await cli.run('/ip/route/add', {
    'dst-address': '198.51.100.0/24',
    gateway: '10.0.1.1',
    comment,
  });
  return ret as string;
}

describe('values over the SSH CLI', () => {
  it('reads a multi-line scheduler script and a comment with ; and quotes back exactly', async () => {
    const script = [
      ':do {',
      '  /ip route set [find where comment="uplink:wan1"] distance=1',
      '} on-error={ :log warning "uplink: rollback step failed; going on" }',
      '/system scheduler remove [find where name="uplink-rollback"]',
    ].join('\n');
    const comment = 'ISP "fiber"; backup=yes; \\ $HOME';
    await cli.run('/system/scheduler/add', {
      name: 'uplink-rollback',
      interval: '1h',
      'on-event': script,
      comment,
    });
    const [entry] = await cli.print('/system/scheduler', { query: ['name=uplink-rollback'] });
    expect(entry).toMatchObject({ name: 'uplink-rollback', 'on-event': script, comment });
    // And what the router holds is what was meant, asked over its API.
    const [api] = await routerRows(lab.demo.api, '/system/scheduler', '?name=uplink-rollback');
    expect(api).toMatchObject({ 'on-event': script, comment });
    await cli.run('/system/scheduler/remove', { '.id': entry?.['.id'] as string });
  });

  it('round-trips random values through the console: written, read back, found by a where', async () => {
    const random = seeded(0x5eed);
    for (let round = 0; round < 30; round += 1) {
      const value = randomValue(random);
      const id = await addRoute(value);
      const [byId] = await cli.print('/ip/route', { query: [`.id=${id}`] });
      // RouterOS leaves an empty comment out, as its API does.
      expect(byId?.comment ?? '', `value ${JSON.stringify(value)}`).toBe(value);
      const found = await cli.print('/ip/route', {
        query: ['dst-address=198.51.100.0/24', `comment=${value}`],
      });
      expect(
        found.map((row) => row['.id']),
        `where comment=${JSON.stringify(value)}`,
      ).toEqual([id]);
      const [api] = await routerRows(lab.demo.api, '/ip/route', `?.id=${id}`);
      // The API carries the router's bytes as they are; the console took them as UTF-8.
      expect(
        Buffer.from(api?.comment ?? '', 'latin1').toString('utf8'),
        `on the router: ${JSON.stringify(value)}`,
      ).toBe(value);
      await cli.run('/ip/route/remove', { '.id': id });
    }
  });

  it('writes an empty value as one, and reads it back empty', async () => {
    const id = await addRoute('to be cleared');
    await cli.run('/ip/route/set', { '.id': id, comment: '' });
    const [row] = await cli.print('/ip/route', { query: [`.id=${id}`] });
    expect(row?.comment ?? '').toBe('');
    await cli.run('/ip/route/remove', { '.id': id });
  });

  it('says what the router said when it refuses, not the command line', async () => {
    await expect(
      cli.run('/ip/route/add', { 'dst-address': 'nowhere', gateway: '10.0.1.1' }),
    ).rejects.toMatchObject({
      code: 'trap',
      message: expect.not.stringContaining('/ip route'),
    });
    await expect(cli.run('/ip/route/set', { '.id': '*FFFF', distance: 3 })).rejects.toThrow(/^no such item/);
  });
});
