import { Banner } from '../components/Banner';
import { useConnectionStore } from '../stores/connection-store';

/** Says plainly when the UI has lost its link to the Uplink service, instead of going quiet. */
export function ConnectionBanner() {
  const status = useConnectionStore((s) => s.status);
  const closingReason = useConnectionStore((s) => s.closingReason);
  if (status === 'open' && closingReason === null) return null;
  const text =
    closingReason ??
    (status === 'connecting'
      ? 'Connecting to the Uplink service…'
      : status === 'no-token'
        ? 'This page needs its token: open the address Uplink printed (it ends in ?token=…).'
        : 'Lost the connection to the Uplink service. Reconnecting…');
  return <Banner tone="warning" live="alert" flush title={text} />;
}
