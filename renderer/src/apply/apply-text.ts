import type { ApplyReport, ApplyStep } from '../../../shared/ipc/channels/apply';

export const stepLabels: Record<ApplyStep, string> = {
  'safety-net': 'putting the safety net on the router',
  change: 'changing the routes',
  check: 'checking the router took it',
  confirm: 'taking the safety net off',
  undo: 'putting the previous settings back',
};

const timeFormat = new Intl.DateTimeFormat(undefined, {
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

export const formatTime = (iso: string) => timeFormat.format(new Date(iso));

/** "Applied at 16:03:12 — active link ISP2 (ether2) — confirmed", and what differs from the plan. */
export function reportLine(report: ApplyReport): string {
  if (report.outcome === 'unchanged')
    return `Nothing to apply at ${formatTime(report.at)}: the router already was as planned.`;
  const link = report.link;
  const active = !link
    ? ''
    : link.holds
      ? ` — active link ${link.active}`
      : ` — active link ${link.active}, not ${link.expected} as planned`;
  return `Applied at ${formatTime(report.at)}${active} — ${report.held ? 'held by Safe Mode' : 'confirmed'}`;
}

/** "1 change", "3 changes". */
export const changesText = (count: number) => (count === 1 ? '1 change' : `${count} changes`);
