import { StatusDot } from '../components/Badge';
import { selectLatest, useMonitorStore } from './monitor-store';
import { formatMs, formatPct, healthLabels, healthTones } from './monitor-text';
import './monitor.css';

/** A WAN's health and newest round-trip time and loss in one line: enough to reorder by. */
export function WanReadout({ siteId, wan }: { siteId: string; wan: number }) {
  const sample = useMonitorStore(selectLatest(siteId, wan));
  if (!sample) return null;
  const figures = `${formatMs(sample.rttMs)} · ${formatPct(sample.lossPct)} loss`;
  // The row's badge already says Active or Down; the dot only colours the link's health beside it.
  const health = healthLabels[sample.health];
  return (
    <span
      className="wan-readout"
      role="img"
      aria-label={`WAN ${wan} link: ${health}, ${figures}`}
      title={`Link ${health.toLowerCase()} over the last minute`}
    >
      <StatusDot tone={healthTones[sample.health]} />
      <span className="muted">{figures}</span>
    </span>
  );
}
