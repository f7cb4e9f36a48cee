import { RingBuffer } from './ring-buffer';

/** The graph windows the technician can pick, in seconds. */
export const monitorWindows = [
  { id: '1m', label: '1 minute', seconds: 60 },
  { id: '10m', label: '10 minutes', seconds: 600 },
  { id: '1h', label: '1 hour', seconds: 3600 },
  { id: '24h', label: '24 hours', seconds: 86_400 },
] as const;

export type MonitorWindow = (typeof monitorWindows)[number]['id'];

/** Raw samples cover the short windows; a minute per point covers the day. */
const rawSeconds = 3600;
const bucketSeconds = 60;
const bucketCount = 86_400 / bucketSeconds;

/**
 * One metric's history at two resolutions: every sample for the last hour, and per-minute
 * averages for the last day. Samples are seconds-resolution times in milliseconds; NaN marks a
 * gap (a lost ping, a paused session) and is left out of the averages but kept as a gap.
 */
export class MetricSeries {
  private readonly raw: RingBuffer;
  private readonly minutes = new RingBuffer(bucketCount);
  private bucketStart = Number.NaN;
  private bucketSum = 0;
  private bucketCount = 0;

  constructor(samplesPerSecond = 1) {
    this.raw = new RingBuffer(Math.ceil(rawSeconds * samplesPerSecond));
  }

  get byteLength(): number {
    return this.raw.byteLength + this.minutes.byteLength;
  }

  push(time: number, value: number): void {
    this.raw.push(time, value);
    const bucket = Math.floor(time / (bucketSeconds * 1000)) * bucketSeconds * 1000;
    if (bucket !== this.bucketStart) {
      this.flush();
      this.bucketStart = bucket;
    }
    if (!Number.isNaN(value)) {
      this.bucketSum += value;
      this.bucketCount += 1;
    }
  }

  /** The points to draw for a window ending `now`: raw samples up to an hour, minute averages beyond. */
  window(window: MonitorWindow, now: number): { times: number[]; values: number[] } {
    const seconds = monitorWindows.find((w) => w.id === window)?.seconds ?? 60;
    const since = now - seconds * 1000;
    if (seconds <= rawSeconds) return this.raw.since(since);
    const history = this.minutes.since(since);
    // The minute still filling is part of the picture too.
    if (!Number.isNaN(this.bucketStart)) {
      history.times.push(this.bucketStart);
      history.values.push(this.bucketCount > 0 ? this.bucketSum / this.bucketCount : Number.NaN);
    }
    return history;
  }

  latest(): { time: number; value: number } | undefined {
    return this.raw.last();
  }

  private flush(): void {
    if (Number.isNaN(this.bucketStart)) return;
    this.minutes.push(
      this.bucketStart,
      this.bucketCount > 0 ? this.bucketSum / this.bucketCount : Number.NaN,
    );
    this.bucketSum = 0;
    this.bucketCount = 0;
  }
}
