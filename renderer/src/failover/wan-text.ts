import type { WanLinkState, WanStatus } from '../../../shared/failover/setup';
import type { Tone } from '../components/Badge';

export const stateBadges: Record<WanLinkState | 'unconfigured', { label: string; tone: Tone; hint: string }> =
  {
    active: { label: 'Active', tone: 'ok', hint: 'Carrying the router’s traffic now.' },
    standby: { label: 'Standby', tone: 'neutral', hint: 'Up, and ready to take over.' },
    down: {
      label: 'Down',
      tone: 'error',
      hint: 'Its probe host stopped answering: the router set this link aside until it answers again.',
    },
    incomplete: {
      label: 'Incomplete',
      tone: 'warning',
      hint: 'One of its routes is missing or disabled on the router: configure it again to repair it.',
    },
    unconfigured: { label: 'Not configured', tone: 'neutral', hint: 'Set its gateway with the gear button.' },
  };

/** "via 10.0.2.1 on ether2 · probe 9.9.9.9" */
export function wanRoute(status: WanStatus | undefined): string {
  if (!status) return 'Not configured yet: set its gateway and interface.';
  const via = status.gateway
    ? `via ${status.gateway}${status.interface ? ` on ${status.interface}` : ''}`
    : 'gateway unknown';
  return `${via} · probe ${status.probe ?? 'missing'}`;
}

/**
 * What the router's own quality watch says of a WAN, in a line: "Router: down, loss 100 % > 20 % on
 * 1.1.1.1 and 1.0.0.1", "Router: up (2 of 2 probe hosts)", "Router: healthy, waiting out the hold
 * time". Undefined for a WAN check-gateway alone judges.
 */
export function routerVerdict(status: WanStatus | undefined): string | undefined {
  const verdict = status?.verdict;
  if (!verdict) return undefined;
  const failing = verdict.probes.filter((probe) => probe.status === 'down');
  const known = verdict.probes.filter((probe) => probe.status !== 'unknown');
  if (known.length === 0) return 'Router: probing…';
  if (status?.state === 'down' && verdict.holding) return 'Router: healthy again, waiting out the hold time';
  if (failing.length === 0)
    return `Router: up (${known.length} of ${verdict.probes.length} probe hosts answer well)`;
  const reasons = failing.map(
    (probe) => `${probe.tripped.length > 0 ? probe.tripped.join(', ') : 'no answer'} on ${probe.host}`,
  );
  const all = status?.quality?.downWhen !== 'any';
  const verdictWord =
    status?.state === 'down'
      ? 'down'
      : all && failing.length < verdict.probes.length
        ? 'up, one host failing'
        : 'failing';
  return `Router: ${verdictWord}, ${reasons.join('; ')}`;
}
