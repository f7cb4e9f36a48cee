import { describe, expect, it } from 'vitest';
import type { WanLinkState, WanStatus } from '../../shared/failover/setup';
import { FailoverTracker, failoverLogCsv, type ObservedFailover } from '../../shared/monitor/failover-log';
import { ProbeWindow } from '../../shared/monitor/probe-window';

const at = new Date('2025-03-01T10:00:00.000Z');
const wan = (number: number, priority: number, state: WanLinkState): WanStatus => ({
  wan: number,
  priority,
  distance: priority,
  gateway: `10.0.${number}.1`,
  interface: `ether${number}`,
  probe: ['1.1.1.1', '9.9.9.9'][number - 1] as string,
  state,
});
const observed = (wans: WanStatus[], active?: string): ObservedFailover => ({
  wans,
  others: [],
  ...(active && { active: { label: active } }),
});

describe('the failover log', () => {
  it('says nothing of the first state it sees', () => {
    const tracker = new FailoverTracker('lab');
    expect(tracker.observe(observed([wan(1, 1, 'active'), wan(2, 2, 'standby')], 'WAN 1'), at)).toEqual([]);
  });

  it('logs a link going down and the failover it causes, even when the router reports them in two steps', () => {
    const tracker = new FailoverTracker('lab');
    tracker.observe(observed([wan(1, 1, 'active'), wan(2, 2, 'standby')], 'WAN 1'), at);
    const down = tracker.observe(observed([wan(1, 1, 'down'), wan(2, 2, 'standby')]), at);
    expect(down).toEqual([
      {
        siteId: 'lab',
        at: at.toISOString(),
        kind: 'link-down',
        from: 'WAN 1 active',
        to: 'WAN 1 down',
        cause: 'Its probe 1.1.1.1 stopped answering',
      },
    ]);
    const next = tracker.observe(observed([wan(1, 1, 'down'), wan(2, 2, 'active')], 'WAN 2'), at);
    expect(next).toMatchObject([{ kind: 'failover', from: 'WAN 1', to: 'WAN 2', cause: 'WAN 1 down' }]);

    const back = tracker.observe(observed([wan(1, 1, 'active'), wan(2, 2, 'standby')], 'WAN 1'), at);
    expect(back.map(({ kind, from, to, cause }) => [kind, from, to, cause])).toEqual([
      ['link-up', 'WAN 1 down', 'WAN 1 active', 'Its probe 1.1.1.1 answers again'],
      ['failover', 'WAN 2', 'WAN 1', 'WAN 1 back up'],
    ]);
  });

  it('a priority change it sees was made by someone else on the router, and says so with the failover it brings', () => {
    const tracker = new FailoverTracker('lab');
    tracker.observe(observed([wan(1, 1, 'active'), wan(2, 2, 'standby')], 'WAN 1'), at);
    const entries = tracker.observe(observed([wan(2, 1, 'active'), wan(1, 2, 'standby')], 'WAN 2'), at);
    expect(entries.map(({ kind, from, to, cause }) => [kind, from, to, cause])).toEqual([
      ['priority', 'WAN 1, WAN 2', 'WAN 2, WAN 1', 'Changed on the router'],
      ['failover', 'WAN 1', 'WAN 2', 'Priority change (Changed on the router)'],
    ]);
  });

  it('forgets across a lost session: a change seen only on reconnect is not claimed as a failover', () => {
    const tracker = new FailoverTracker('lab');
    tracker.observe(observed([wan(1, 1, 'active'), wan(2, 2, 'standby')], 'WAN 1'), at);
    tracker.reset();
    expect(tracker.observe(observed([wan(1, 1, 'down'), wan(2, 2, 'active')], 'WAN 2'), at)).toEqual([]);
  });

  it('exports RFC 4180 CSV: quoted where needed, formulas defused', () => {
    const csv = failoverLogCsv([
      {
        siteId: 'lab',
        at: at.toISOString(),
        kind: 'failover',
        from: 'WAN 1',
        to: 'WAN 2',
        cause: 'WAN 1 down',
      },
      {
        siteId: 'lab',
        at: at.toISOString(),
        kind: 'priority',
        from: 'WAN 1, WAN 2',
        to: 'WAN 2, WAN 1',
        cause: '=HYPERLINK("x")',
      },
    ]);
    expect(csv).toBe(
      'time,event,from,to,cause\r\n' +
        '2025-03-01T10:00:00.000Z,Failover,WAN 1,WAN 2,WAN 1 down\r\n' +
        '2025-03-01T10:00:00.000Z,Priority change,"WAN 1, WAN 2","WAN 2, WAN 1","\'=HYPERLINK(""x"")"\r\n',
    );
  });
});

describe('the probe window', () => {
  it('takes loss and jitter over the last probes only', () => {
    const window = new ProbeWindow(4);
    for (const rtt of [undefined, undefined, 20, 22, 20, 24]) window.add(rtt);
    expect(window.stats()).toEqual({
      rttMs: 21.5,
      jitterMs: (2 + 2 + 4) / 3,
      lossPct: 0,
      sent: 4,
      silent: 0,
    });
    window.add(undefined);
    expect(window.stats()).toMatchObject({ lossPct: 25, silent: 1 });
  });
});
