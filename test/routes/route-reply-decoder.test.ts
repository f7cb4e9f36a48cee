import { describe, expect, it } from 'vitest';
import { encodeSentence } from '../../electron/demo-router/api/words';
import { RouteReplyDecoder } from '../../electron/routes/route-reply-decoder';
import { RouteTable } from '../../electron/routes/route-table';

const rows = Array.from({ length: 300 }, (_, i) => [
  '!re',
  `=.id=*${(i + 1).toString(16).toUpperCase()}`,
  `=dst-address=${i === 7 ? '2001:db8::/32' : `10.${i >> 8}.${i & 255}.0/24`}`,
  `=gateway=${i % 3 === 0 ? 'ether1' : `10.0.${i % 3}.1`}`,
  `=distance=${(i % 254) + 1}`,
  '=scope=30',
  '=target-scope=10',
  ...(i % 5 === 0 ? [`=comment=${'x'.repeat(200)} ünïcode ${i}`] : []),
  `=active=${i % 2 === 0}`,
  '=static=true',
  '.tag=t',
]);
const reply = Buffer.concat([
  ...rows.map((words) => encodeSentence(words)),
  encodeSentence(['!done', '.tag=t']),
]);

function decode(chunkSizes: (at: number) => number) {
  const table = new RouteTable();
  const outcome = { done: false, rows: 0, failed: '' };
  const decoder = new RouteReplyDecoder(table, {
    rows: () => {
      outcome.rows += 1;
    },
    done: () => {
      outcome.done = true;
    },
    failed: (error) => {
      outcome.failed = error.message;
    },
  });
  for (let at = 0; at < reply.length; ) {
    const size = Math.max(1, chunkSizes(at));
    decoder.push(reply.subarray(at, at + size));
    at += size;
  }
  return { table, outcome };
}

describe('RouteReplyDecoder', () => {
  it('decodes the same table however the reply is cut into chunks', () => {
    const whole = decode(() => reply.length);
    expect(whole.outcome.done).toBe(true);
    expect(whole.table.size).toBe(300);
    let seed = 3;
    const random = () => {
      seed = (seed * 7919 + 13) % 9973;
      return seed % 700;
    };
    for (const cut of [() => 1, () => 7, () => 9000, random]) {
      const { table, outcome } = decode(cut);
      expect(outcome.done).toBe(true);
      expect(table.size).toBe(300);
      for (let slot = 0; slot < 300; slot++) expect(table.route(slot)).toEqual(whole.table.route(slot));
    }
    expect(whole.table.route(5)).toMatchObject({
      id: '*6',
      dstAddress: '10.0.5.0/24',
      gateway: '10.0.2.1',
      distance: 6,
      comment: `${'x'.repeat(200)} ünïcode 5`,
      flags: ['static'],
    });
    expect(whole.table.route(7).dstAddress).toBe('2001:db8::/32');
    expect(whole.table.route(0).flags).toEqual(['active', 'static']);
  });

  it('reports a trap in the router’s words', () => {
    const table = new RouteTable();
    let failed = '';
    const decoder = new RouteReplyDecoder(table, {
      rows: () => undefined,
      done: () => undefined,
      failed: (error) => {
        failed = error.message;
      },
    });
    decoder.push(encodeSentence(['!trap', '=category=2', '=message=interrupted', '.tag=t']));
    expect(failed).toBe('interrupted');
  });
});
