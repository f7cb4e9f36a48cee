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
