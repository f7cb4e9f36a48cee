import {
  sparkPoints,
  sparkSeconds,
  type WanHistory,
  type WanSample,
} from '../../shared/ipc/channels/monitor';
import { MetricSeries, type MonitorWindow } from '../../shared/monitor/series';
import { sparkline } from '../../shared/monitor/sparkline';

const metrics = ['rttMs', 'jitterMs', 'lossPct', 'rxBps', 'txBps'] as const;
type Metric = (typeof metrics)[number];

/** One WAN's samples, every metric in its own two-resolution series: bounded, whatever the uptime. */
export class WanHistoryBuffer {
  private readonly series = Object.fromEntries(
    metrics.map((metric) => [metric, new MetricSeries()]),
  ) as Record<Metric, MetricSeries>;

  constructor(readonly wan: number) {}

  get byteLength(): number {
    return metrics.reduce((total, metric) => total + this.series[metric].byteLength, 0);
  }

  push(at: number, sample: WanSample): void {
    for (const metric of metrics) this.series[metric].push(at, sample[metric] ?? Number.NaN);
  }

  /** The fleet view's sparkline of round-trip times, ending at `end` (ms). */
  spark(end: number): (number | null)[] {
    const { times, values } = this.series.rttMs.window('10m', end);
    return sparkline(times, values, end, sparkSeconds, sparkPoints);
  }

  window(window: MonitorWindow, now: number): WanHistory {
    const columns = metrics.map((metric) => this.series[metric].window(window, now));
    const [rtt, jitter, loss, rx, tx] = columns.map((column) => column.values.map(orNull));
    return {
      wan: this.wan,
      times: columns[0]?.times ?? [],
      rttMs: rtt ?? [],
      jitterMs: jitter ?? [],
      lossPct: loss ?? [],
      rxBps: rx ?? [],
      txBps: tx ?? [],
    };
  }
}

/** JSON has no NaN: a gap travels as null, which is also what uPlot draws as a gap. */
const orNull = (value: number) => (Number.isNaN(value) ? null : value);
