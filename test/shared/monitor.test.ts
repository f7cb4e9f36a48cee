import { describe, expect, it } from 'vitest';
import type { FleetLink, FleetSite } from '../../shared/ipc/channels/monitor';
import { compareHealth, mergeFleetSite, sameStanding, siteHealth } from '../../shared/monitor/fleet';
import { gapAfterSeconds, timeGaps } from '../../shared/monitor/gaps';
import { combinedHealth, defaultHealthThresholds, linkHealth, pingStats } from '../../shared/monitor/health';
import { RingBuffer } from '../../shared/monitor/ring-buffer';
import { MetricSeries } from '../../shared/monitor/series';
import { sparkline } from '../../shared/monitor/sparkline';
import { parseDuration } from '../../shared/routeros/duration';

describe('the ring buffer', () => {
  it('keeps the newest samples once full, oldest first', () => {
    const ring = new RingBuffer(3);
    for (let t = 1; t <= 5; t += 1) ring.push(t, t * 10);
    expect(ring.length).toBe(3);
    expect(ring.since(0)).toEqual({ times: [3, 4, 5], values: [30, 40, 50] });
    expect(ring.since(4).times).toEqual([4, 5]);
    expect(ring.last()).toEqual({ time: 5, value: 50 });
  });
});

describe('a metric series', () => {
  it('holds a day at 1 Hz in bounded memory and averages per minute beyond an hour', () => {
    const series = new MetricSeries();
    const bytesEmpty = series.byteLength;
    const start = Date.UTC(2026, 0, 1);
    for (let s = 0; s < 86_400; s += 1) series.push(start + s * 1000, s % 60 < 30 ? 10 : 30);
    expect(series.byteLength).toBe(bytesEmpty);
    const now = start + 86_399_000;
    expect(series.window('1m', now).times.length).toBe(61);
    const day = series.window('24h', now);
    expect(day.times.length).toBeGreaterThanOrEqual(1440);
    expect(day.times.length).toBeLessThanOrEqual(1441);
    expect(day.values.every((v) => v === 20)).toBe(true);
  });

  it('leaves lost samples out of averages but keeps them as gaps in raw windows', () => {
    const series = new MetricSeries();
    series.push(0, 10);
    series.push(1000, Number.NaN);
    series.push(2000, 30);
    expect(series.window('1m', 2000).values).toEqual([10, Number.NaN, 30]);
    expect(series.window('24h', 2000).values).toEqual([20]);
  });
});

describe('link health', () => {
  it('computes rtt, jitter and loss from a window of probes', () => {
    const stats = pingStats([20, 22, undefined, 18, 20]);
    expect(stats.rttMs).toBe(20);
    expect(stats.jitterMs).toBeCloseTo((2 + 4 + 2) / 3);
    expect(stats.lossPct).toBe(20);
  });

  it('is up, degraded or down by the thresholds', () => {
    expect(linkHealth(pingStats([20, 21, 19, 20]))).toBe('up');
    expect(linkHealth(pingStats([20, undefined, 20, undefined, 20, 20, undefined, 20, 20, 20]))).toBe(
      'degraded',
    );
    expect(linkHealth(pingStats([250, 250]))).toBe('degraded');
    expect(linkHealth(pingStats([undefined, undefined, undefined]))).toBe('down');
    expect(linkHealth(pingStats([600, 600]))).toBe('down');
    const answering = Array.from({ length: 40 }, () => 20);
    expect(linkHealth(pingStats([...answering, ...Array(4).fill(undefined)])), 'four lost: still up').toBe(
      'up',
    );
    expect(linkHealth(pingStats([...answering, ...Array(5).fill(undefined)])), 'silent now').toBe('down');
    expect(linkHealth(pingStats([20, undefined, 20, 20, 20])), 'too few probes to judge loss').toBe('up');
    expect(linkHealth(pingStats([20, 20]), { ...defaultHealthThresholds, latencyDegradedMs: 10 })).toBe(
      'degraded',
    );
  });

  it('of a WAN with several probe hosts, combines them as the router’s verdict does', () => {
    // Down when all fail: as healthy as its best host.
    expect(combinedHealth(['up', 'down', 'down'], 'all')).toBe('up');
    expect(combinedHealth(['degraded', 'down'], 'all')).toBe('degraded');
    expect(combinedHealth(['down', 'down'], 'all')).toBe('down');
    expect(combinedHealth(['down', 'up'])).toBe('up');
    // Down when any fails: as healthy as its worst.
    expect(combinedHealth(['up', 'down'], 'any')).toBe('down');
    expect(combinedHealth(['up', 'degraded', 'up'], 'any')).toBe('degraded');
    expect(combinedHealth(['up'], 'any')).toBe('up');
  });
});

describe('RouterOS durations', () => {
  it('reads the forms RouterOS prints', () => {
    expect(parseDuration('20ms123us')).toBeCloseTo(20.123);
    expect(parseDuration('1s')).toBe(1000);
    expect(parseDuration('1d2h3m4s')).toBe(93_784_000);
    expect(parseDuration('1w')).toBe(604_800_000);
    expect(parseDuration('00:01:30')).toBe(90_000);
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration('5x')).toBeUndefined();
  });
});

describe('gaps in the samples', () => {
  it('are the steps longer than a few samples, with the times on either side', () => {
    const times = [0, 1, 2, 3, 40, 41, 42, 120, 121];
    expect(timeGaps(times, gapAfterSeconds(1))).toEqual([
      [3, 40],
      [42, 120],
    ]);
    expect(timeGaps([0, 1, 2, 6], gapAfterSeconds(1)), 'a few lost samples are no gap').toEqual([]);
    expect(timeGaps([0, 60, 120, 600], gapAfterSeconds(60)), 'minute averages').toEqual([[120, 600]]);
    expect(timeGaps([], 5)).toEqual([]);
  });
});

describe('a sparkline', () => {
  it('averages each slice of the span, oldest first, with null where nothing answered', () => {
    // 30 s at 1 Hz: 10 s at 20 ms, 10 s unanswered, 10 s at 40 ms, into three 10 s points.
    const times = Array.from({ length: 30 }, (_, i) => 1_000_000 + i * 1000);
    const values = times.map((_, i) => (i < 10 ? 20 : i < 20 ? Number.NaN : 40));
    expect(sparkline(times, values, 1_030_000, 30, 3)).toEqual([20, null, 40]);
    expect(sparkline(times, values, 1_060_000, 60, 6), 'since then: no data').toEqual([
      20,
      null,
      40,
      null,
      null,
      null,
    ]);
  });
});

describe('the fleet view', () => {
  const link = (wan: number, health: FleetLink['health'], spark?: (number | null)[]): FleetLink => ({
    wan,
    kind: 'wan',
    interface: `ether${wan}`,
    health,
    rttMs: 20,
    lossPct: 0,
    ...(spark && { spark }),
  });
  const site = (links: FleetLink[], phase: FleetSite['phase'] = 'running'): FleetSite => ({
    siteId: 's',
    phase,
    links,
    failovers24h: 0,
  });

  it('calls a site by its worst link, unknown while nothing is measured, and sorts the worst first', () => {
    expect(siteHealth(site([link(1, 'up'), link(2, 'down')]))).toBe('down');
    expect(siteHealth(site([link(1, 'up'), link(2, 'degraded')]))).toBe('degraded');
    expect(siteHealth(site([link(1, 'up'), link(2, null)]))).toBe('up');
    expect(siteHealth(site([link(1, null)]))).toBe('unknown');
    expect(siteHealth(site([link(1, 'down')], 'paused')), 'offline: not measured now').toBe('unknown');
    const order = (['up', 'unknown', 'down', 'degraded'] as const).slice().sort(compareHealth);
    expect(order).toEqual(['down', 'degraded', 'unknown', 'up']);
  });

  it('tells an update of figures alone from one that changes a site’s standing', () => {
    const before = site([link(1, 'up', [1, 2]), link(2, 'up')]);
    const figures = {
      ...before,
      links: before.links.map((each) => ({ ...each, rttMs: 35, lossPct: 2, spark: [3] })),
    };
    expect(sameStanding(before, figures)).toBe(true);
    expect(sameStanding(before, site([link(1, 'up'), link(2, 'degraded')]))).toBe(false);
    expect(sameStanding(before, site([link(1, 'up')]))).toBe(false);
    expect(sameStanding(before, site([link(1, 'up'), link(2, 'up')], 'paused'))).toBe(false);
    expect(sameStanding(before, { ...before, failovers24h: 1 })).toBe(false);
  });

  it('keeps a link’s sparkline through updates that do not carry one', () => {
    const merged = mergeFleetSite(site([link(1, 'up', [1, 2])]), site([link(1, 'down'), link(2, 'up')]));
    expect(merged.links.map((each) => [each.health, each.spark])).toEqual([
      ['down', [1, 2]],
      ['up', undefined],
    ]);
  });
});
