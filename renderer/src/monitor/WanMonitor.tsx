import {
  type HostColumns,
  type HostSample,
  type MonitoredWan,
  measuredHosts,
} from '../../../shared/ipc/channels/monitor';
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
  hosts: readonly string[],
  span: string,
  marks: string,
  gaps: string,
) {
  const empty: Columns = { times: [], rttMs: [], jitterMs: [], lossPct: [], rxBps: [], txBps: [] };
  const c = columns ?? empty;
  // With several probe hosts, each host's figures, named: "Round-trip time to 1.0.0.1 from …".
  const latency = (host: HostColumns | undefined, to: string) => [
    between(`Round-trip time${to}`, host?.rttMs ?? [], formatMs),
    between('loss', host?.lossPct ?? [], formatPct),
  ];
  const parts =
    kind === 'throughput'
      ? [between('Download', c.rxBps, formatBits), between('upload', c.txBps, formatBits)]
      : hosts.length > 1
        ? hosts.flatMap((host, index) => latency(c.hosts?.[index], ` to ${host}`))
        : latency(c, '');
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
  const hosts = measuredHosts(wan);
  const several = hosts.length > 1;
  const verdict = useFailoverStore((state) =>
    routerVerdict(selectFailover(siteId)(state)?.wans.find((each) => each.wan === wan.wan)),
  );

  return (
    <section className="monitor-wan" aria-label={name}>
      <header className="monitor-wan-header">
        <h3 className="monitor-wan-name">{name}</h3>
        <span className="muted">
          {[
            wan.name,
            wan.interface,
            several
              ? `probes ${hosts.join(', ')}`
              : `${wan.kind === 'wan' ? 'probe' : 'gateway'} ${wan.probe}`,
          ]
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
            ...(several
              ? []
              : ([
                  ['RTT', formatMs(sample?.rttMs)],
                  ['Jitter', formatMs(sample?.jitterMs)],
                  ['Loss', formatPct(sample?.lossPct)],
                ] as const)),
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
      {several && <HostTable name={name} hosts={hosts} figures={sample?.hosts} downWhen={wan.downWhen} />}
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
            description={chartDescription(kind, columns, hosts, spanLabel, marked, gaps)}
            hosts={hosts}
          />
        ))}
      </div>
    </section>
  );
}

/** Each probe host of a WAN on its own line, and how the router's verdict combines them. */
function HostTable({
  name,
  hosts,
  figures,
  downWhen = 'all',
}: {
  name: string;
  hosts: readonly string[];
  figures: readonly HostSample[] | undefined;
  downWhen: MonitoredWan['downWhen'];
}) {
  return (
    <table className="monitor-hosts" aria-label={`Probe hosts ${name}`}>
      <caption className="muted">
        {downWhen === 'all'
          ? `${name} is down when all its probe hosts fail`
          : `${name} is down when any of its probe hosts fails`}
      </caption>
      <thead>
        <tr>
          {['Host', 'Health', 'RTT', 'Jitter', 'Loss'].map((label) => (
            <th key={label} scope="col">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {hosts.map((host, index) => {
          const figure = figures?.[index];
          return (
            <tr key={host}>
              <th scope="row">{host}</th>
              <td>
                {figure ? (
                  <StatusDot tone={healthTones[figure.health]} label={healthLabels[figure.health]} />
                ) : (
                  <StatusDot tone="neutral" label="Waiting" />
                )}
              </td>
              <td>{formatMs(figure?.rttMs)}</td>
              <td>{formatMs(figure?.jitterMs)}</td>
              <td>{formatPct(figure?.lossPct)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
