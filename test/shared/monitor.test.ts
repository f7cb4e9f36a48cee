import { describe, expect, it } from 'vitest';
import { gapAfterSeconds, timeGaps } from '../../shared/monitor/gaps';
import { defaultHealthThresholds, linkHealth, pingStats } from '../../shared/monitor/health';
import { RingBuffer } from '../../shared/monitor/ring-buffer';
import { MetricSeries } from '../../shared/monitor/series';
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
    expect(linkHealth(pingStats([20, 20]), { ...defaultHealthThresholds, latencyDegradedMs: 10 })).toBe(
      'degraded',
    );
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
