import type { MonitoredWan } from '../../../shared/ipc/channels/monitor';
import type { FailoverLogEntry } from '../../../shared/monitor/failover-log';
import { gapAfterSeconds, timeGaps } from '../../../shared/monitor/gaps';
import { monitorWindows } from '../../../shared/monitor/series';
import { Badge, StatusDot } from '../components/Badge';
import { selectFailover, useFailoverStore } from '../failover/failover-store';
import { routerVerdict } from '../failover/wan-text';
import { LinkChart } from './LinkChart';
import { selectLatest, selectVersion, useMonitorStore, windowData } from './monitor-store';
import {
  describeEntry,
  formatBits,
  formatMs,
  formatPct,
  formatTime,
  healthLabels,
  healthTones,
} from './monitor-text';
import { type Columns, sampleSeconds, windowSeconds } from './window-data';

/** The lowest and highest value in a column, gaps left out. */
function extent(values: readonly (number | null)[]): [number, number] | undefined {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (value === null) continue;
    low = Math.min(low, value);
    high = Math.max(high, value);
  }
  return low <= high ? [low, high] : undefined;
}

function between(
  name: string,
  values: readonly (number | null)[],
  format: (value: number) => string,
): string {
  const range = extent(values);
  return range ? `${name} from ${format(range[0])} to ${format(range[1])}` : `${name}: no samples`;
}

/** The silences in a window, in words: "No data from 07:06:10 to 07:07:30." */
function gapsText(columns: Columns | undefined, step: number): string {
  const gaps = timeGaps(columns?.times ?? [], gapAfterSeconds(step));
  if (gaps.length === 0) return '';
  const shown = gaps
    .slice(-3)
    .map(([from, to]) => `from ${formatTime(from * 1000)} to ${formatTime(to * 1000)}`)
    .join(', ');
  return ` No data ${shown}${gaps.length > 3 ? ` and ${gaps.length - 3} more times` : ''}.`;
}

function chartDescription(
  kind: 'latency' | 'throughput',
  columns: Columns | undefined,
  span: string,
  marks: string,
  gaps: string,
) {
  const empty = { times: [], rttMs: [], jitterMs: [], lossPct: [], rxBps: [], txBps: [] };
  const c = columns ?? empty;
  const parts =
    kind === 'latency'
      ? [between('Round-trip time', c.rttMs, formatMs), between('loss', c.lossPct, formatPct)]
      : [between('Download', c.rxBps, formatBits), between('upload', c.txBps, formatBits)];
  return `${parts.join('; ')} over the last ${span}.${gaps}${marks}`;
}

/** One WAN: its health and latest figures, and its latency and throughput graphs. */
export function WanMonitor({
  siteId,
  wan,
  active,
  marks,
}: {
  siteId: string;
  wan: MonitoredWan;
  active: boolean;
  marks: readonly FailoverLogEntry[];
}) {
  const sample = useMonitorStore(selectLatest(siteId, wan.wan));
  const version = useMonitorStore(selectVersion(siteId, wan.wan));
  const span = useMonitorStore((s) => s.window);
  const data = windowData(siteId, span);
  const columns = data.wans.get(wan.wan);
  const seconds = windowSeconds(span);
  const step = sampleSeconds(span);
  const gaps = gapsText(columns, step);
  const spanLabel = monitorWindows.find((each) => each.id === span)?.label ?? span;
  const shown = marks.filter((mark) => Date.parse(mark.at) / 1000 >= data.end - seconds);
  const marked = shown.length > 0 ? ` Marked: ${shown.map(describeEntry).join('; ')}.` : '';
  const name = `WAN ${wan.wan}`;
  const verdict = useFailoverStore((state) =>
    routerVerdict(selectFailover(siteId)(state)?.wans.find((each) => each.wan === wan.wan)),
  );

  return (
    <section className="monitor-wan" aria-label={name}>
      <header className="monitor-wan-header">
        <h3 className="monitor-wan-name">{name}</h3>
        <span className="muted">
          {[wan.name, wan.interface, `${wan.kind === 'wan' ? 'probe' : 'gateway'} ${wan.probe}`]
            .filter(Boolean)
            .join(' · ')}
        </span>
        {verdict && <span className="monitor-wan-verdict">{verdict}</span>}
        {active && <Badge tone="info">Active</Badge>}
        <span className="spacer" />
        <span role="status" aria-label={`Health ${name}`}>
          {sample ? (
            <StatusDot tone={healthTones[sample.health]} label={healthLabels[sample.health]} />
          ) : (
            <StatusDot tone="neutral" label="Waiting" />
          )}
        </span>
      </header>
      <dl className="monitor-wan-figures">
        {(
          [
            ['RTT', formatMs(sample?.rttMs)],
            ['Jitter', formatMs(sample?.jitterMs)],
            ['Loss', formatPct(sample?.lossPct)],
            ['Download', formatBits(sample?.rxBps)],
            ['Upload', formatBits(sample?.txBps)],
          ] as const
        ).map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <div className="monitor-wan-charts">
        {(['latency', 'throughput'] as const).map((kind) => (
          <LinkChart
            key={kind}
            kind={kind}
            label={`${kind === 'latency' ? 'Latency' : 'Throughput'} ${name}`}
            columns={columns}
            version={version}
            end={data.end}
            span={seconds}
            step={step}
            marks={shown}
            description={chartDescription(kind, columns, spanLabel, marked, gaps)}
          />
        ))}
      </div>
    </section>
  );
}
