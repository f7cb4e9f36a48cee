import { useEffect, useId, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { FailoverEventKind, FailoverLogEntry } from '../../../shared/monitor/failover-log';
import { gapAfterSeconds, timeGaps } from '../../../shared/monitor/gaps';
import { type ChartColors, useChartColors } from './chart-colors';
import { formatBits, formatClock, formatMs, formatPct } from './monitor-text';
import type { Columns } from './window-data';

export type ChartKind = 'latency' | 'throughput';

export interface LinkChartProps {
  kind: ChartKind;
  /** The figure's accessible name, e.g. "Latency WAN 1". */
  label: string;
  columns: Columns | undefined;
  /** Bumped when the columns changed in place. */
  version: number;
  /** Right edge and span of the time axis, seconds. */
  end: number;
  span: number;
  /** Seconds between samples: a longer silence is drawn as a gap. */
  step: number;
  marks: readonly FailoverLogEntry[];
  /** What the graph shows, in words: read to those who cannot see it. */
  description: string;
  /** The probe hosts measured: with several, the latency graph has a series per host and metric. */
  hosts: readonly string[];
}

const height = 150;

const markColor = (colors: ChartColors, kind: FailoverEventKind) =>
  ({
    failover: colors.accent,
    'link-down': colors.danger,
    'link-up': colors.ok,
    priority: colors.info,
    change: colors.info,
  })[kind];

/**
 * A uPlot graph of one WAN: made once per theme and kind, fed in place on every version, sized
 * to its box. Events are drawn as vertical marks on the time axis; hovering shows the values at
 * that time in the legend.
 */
export function LinkChart({
  kind,
  label,
  columns,
  version,
  end,
  span,
  step,
  marks,
  description,
  hosts,
}: LinkChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const colors = useChartColors();
  const descriptionId = useId();
  // Read by the chart's scale and draw hooks at draw time, so new marks need no rebuild.
  const live = useRef({ end, span, step, marks });
  live.current = { end, span, step, marks };
  // The series follow the hosts: a new list (failover configured again) builds the graph again.
  const hostList = hosts.join(' ');
  const hostCount = hosts.length;

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const made = new uPlot(
      options(kind, colors, element.clientWidth, live, hostList === '' ? [] : hostList.split(' ')),
      [[]],
      element,
    );
    plot.current = made;
    const resize = new ResizeObserver(() => made.setSize({ width: element.clientWidth, height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      made.destroy();
      plot.current = null;
    };
  }, [kind, colors, hostList]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the columns change in place; `version` says when.
  useEffect(() => {
    plot.current?.setData(dataOf(kind, columns, hostCount));
  }, [kind, columns, version, end, span, marks, colors, hostCount]);

  return (
    <figure className="link-chart" aria-label={label} aria-describedby={descriptionId}>
      <figcaption className="link-chart-title">{label}</figcaption>
      <div ref={box} className="link-chart-plot" />
      <p id={descriptionId} className="visually-hidden">
        {description}
      </p>
    </figure>
  );
}

/** Axis ticks are round numbers: no decimals where there are none. */
const formatAxisMs = (value: number) =>
  Math.abs(value - Math.round(value)) < 1e-6 ? `${Math.round(value)} ms` : formatMs(value);

/**
 * Round trip, jitter and loss per host, in this order of series (one host: the WAN's own columns).
 * A host with no columns yet (the list just changed) is a gap as long as the others.
 */
function dataOf(kind: ChartKind, columns: Columns | undefined, hostCount: number): uPlot.AlignedData {
  const times = columns?.times ?? [];
  if (kind === 'throughput') return [times, columns?.rxBps ?? [], columns?.txBps ?? []];
  const known = columns?.hosts ?? (columns ? [columns] : []);
  const hosts = Array.from(
    { length: Math.max(1, hostCount) },
    (_, index) => known[index] ?? { rttMs: gap(times), jitterMs: gap(times), lossPct: gap(times) },
  );
  return [
    times,
    ...hosts.map((host) => host.rttMs),
    ...hosts.map((host) => host.jitterMs),
    ...hosts.map((host) => host.lossPct),
  ];
}

const gap = (times: readonly number[]) => times.map(() => null);

/** With several hosts, a colour per host and a dash per metric: round trip solid, jitter dashed, loss dotted. */
const hostStrokes = (colors: ChartColors) => [colors.accent, colors.ok, colors.warn];
const metricDashes = { rtt: undefined, jitter: [6, 4], loss: [2, 3] } as const;

type Live = { current: { end: number; span: number; step: number; marks: readonly FailoverLogEntry[] } };

/**
 * uPlot draws a gap at a null only; a time with no sample at all (the site offline or not measured)
 * would be bridged by a line. Each such silence is added to the gaps, in canvas pixels, in order.
 */
const silentGaps =
  (live: Live): uPlot.Series.GapsRefiner =>
  (u, _series, idx0, idx1, nullGaps) => {
    const times = (u.data[0] as number[]).slice(idx0, idx1 + 1);
    const silent = timeGaps(times, gapAfterSeconds(live.current.step)).map(
      ([from, to]) =>
        [Math.round(u.valToPos(from, 'x', true)), Math.round(u.valToPos(to, 'x', true))] as [number, number],
    );
    if (silent.length === 0) return nullGaps;
    return [...nullGaps, ...silent].sort((a, b) => a[0] - b[0]);
  };

/** Time labels on one line, wide enough apart that two never touch at any width. */
const timeAxis = (live: Live) => ({
  values: (_: uPlot, splits: number[]) =>
    splits.map((at) => formatClock(at * 1000, live.current.span <= 600)),
  space: (_: uPlot) => (live.current.span <= 600 ? 84 : 64),
});

function options(
  kind: ChartKind,
  colors: ChartColors,
  width: number,
  live: Live,
  hosts: readonly string[],
): uPlot.Options {
  const axis = (scale: string, values: (value: number) => string, side?: 1): uPlot.Axis => ({
    scale,
    ...(side && { side }),
    stroke: colors['fg-muted'],
    grid: { stroke: colors.border, width: 1, show: side === undefined },
    ticks: { stroke: colors.border, width: 1 },
    values: (_, splits) => splits.map(values),
    size: 72,
  });
  const line = (
    label: string,
    scale: string,
    stroke: string,
    value: (v: number) => string,
  ): uPlot.Series => ({
    label,
    scale,
    stroke,
    width: 1.5,
    spanGaps: false,
    gaps: silentGaps(live),
    points: { show: false },
    value: (_, v) => (v === null ? '—' : value(v)),
  });
  const perHost = (
    metric: keyof typeof metricDashes,
    label: string,
    scale: string,
    value: (v: number) => string,
  ) =>
    hosts.map((host, index): uPlot.Series => {
      const dash = metricDashes[metric];
      return {
        ...line(`${label} ${host}`, scale, hostStrokes(colors)[index] ?? colors.info, value),
        ...(dash && { dash: [...dash] }),
      };
    });
  const series: uPlot.Series[] =
    kind === 'latency'
      ? hosts.length > 1
        ? [
            ...perHost('rtt', 'RTT', 'ms', formatMs),
            ...perHost('jitter', 'Jitter', 'ms', formatMs),
            ...perHost('loss', 'Loss', '%', formatPct),
          ]
        : [
            line('RTT', 'ms', colors.accent, formatMs),
            line('Jitter', 'ms', colors.warn, formatMs),
            line('Loss', '%', colors.danger, formatPct),
          ]
      : [
          {
            ...line('Download', 'bits', colors.ok, formatBits),
            fill: `color-mix(in srgb, ${colors.ok} 14%, transparent)`,
          },
          line('Upload', 'bits', colors.accent, formatBits),
        ];
  return {
    width,
    height,
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
    scales: {
      x: { time: true, range: () => [live.current.end - live.current.span, live.current.end] },
      ms: { range: (_, _min, max) => [0, Math.max(10, (max ?? 0) * 1.15)] },
      '%': { range: [0, 100] },
      bits: { range: (_, _min, max) => [0, Math.max(10_000, (max ?? 0) * 1.15)] },
    },
    axes: [
      {
        stroke: colors['fg-muted'],
        grid: { stroke: colors.border, width: 1 },
        ticks: { stroke: colors.border },
        ...timeAxis(live),
      },
      ...(kind === 'latency'
        ? [axis('ms', formatAxisMs), axis('%', formatPct, 1)]
        : [axis('bits', formatBits)]),
    ],
    series: [
      { label: 'Time', value: (_, v) => (v === null ? '—' : new Date(v * 1000).toLocaleTimeString()) },
      ...series,
    ],
    hooks: {
      draw: [
        (u) => {
          const { ctx } = u;
          const { top, height: plotHeight } = u.bbox;
          ctx.save();
          ctx.lineWidth = devicePixelRatio * 1.5;
          ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
          for (const mark of live.current.marks) {
            const x = Math.round(u.valToPos(Date.parse(mark.at) / 1000, 'x', true));
            if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) continue;
            ctx.strokeStyle = markColor(colors, mark.kind);
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, top + plotHeight);
            ctx.stroke();
          }
          ctx.restore();
        },
      ],
    },
  };
}
