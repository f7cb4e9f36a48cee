import {
  type HostColumns,
  type HostSample,
  sparkPoints,
  sparkSeconds,
  type WanHistory,
  type WanSample,
} from '../../shared/ipc/channels/monitor';
import { MetricSeries, type MonitorWindow } from '../../shared/monitor/series';
import { sparkline } from '../../shared/monitor/sparkline';

const hostMetrics = ['rttMs', 'jitterMs', 'lossPct'] as const;
const linkMetrics = ['rxBps', 'txBps'] as const;
type HostMetric = (typeof hostMetrics)[number];

const seriesOf = <Metric extends string>(metrics: readonly Metric[]) =>
  Object.fromEntries(metrics.map((metric) => [metric, new MetricSeries()])) as Record<Metric, MetricSeries>;

const bytesOf = (series: Record<string, MetricSeries>) =>
  Object.values(series).reduce((total, each) => total + each.byteLength, 0);

/**
 * One WAN's samples, every metric in its own two-resolution series: bounded, whatever the uptime.
 * Round trip, jitter and loss are kept per probe host (the first host's are the WAN's); a WAN has
 * at most three hosts, so at most three times those series.
 */
export class WanHistoryBuffer {
  private readonly link = seriesOf(linkMetrics);
  private readonly hosts: Record<HostMetric, MetricSeries>[];

  constructor(
    readonly wan: number,
    hostCount = 1,
  ) {
    this.hosts = Array.from({ length: hostCount }, () => seriesOf(hostMetrics));
  }

  get byteLength(): number {
    return this.hosts.reduce((total, host) => total + bytesOf(host), bytesOf(this.link));
  }

  push(at: number, sample: WanSample): void {
    for (const metric of linkMetrics) this.link[metric].push(at, sample[metric] ?? Number.NaN);
    const hosts: HostSample[] = sample.hosts ?? [sample];
    this.hosts.forEach((series, index) => {
      for (const metric of hostMetrics) series[metric].push(at, hosts[index]?.[metric] ?? Number.NaN);
    });
  }

  /** The fleet view's sparkline of the first host's round-trip times, ending at `end` (ms). */
  spark(end: number): (number | null)[] {
    const { times, values } = (this.hosts[0] as Record<HostMetric, MetricSeries>).rttMs.window('10m', end);
    return sparkline(times, values, end, sparkSeconds, sparkPoints);
  }

  window(window: MonitorWindow, now: number): WanHistory {
    const column = (series: MetricSeries) => series.window(window, now);
    const [rx, tx] = linkMetrics.map((metric) => column(this.link[metric]));
    const hosts = this.hosts.map(
      (series): HostColumns => ({
        rttMs: column(series.rttMs).values.map(orNull),
        jitterMs: column(series.jitterMs).values.map(orNull),
        lossPct: column(series.lossPct).values.map(orNull),
      }),
    );
    const [first] = hosts as [HostColumns];
    return {
      wan: this.wan,
      times: rx?.times ?? [],
      ...first,
      rxBps: rx?.values.map(orNull) ?? [],
      txBps: tx?.values.map(orNull) ?? [],
      ...(hosts.length > 1 && { hosts }),
    };
  }
}

/** JSON has no NaN: a gap travels as null, which is also what uPlot draws as a gap. */
const orNull = (value: number) => (Number.isNaN(value) ? null : value);
