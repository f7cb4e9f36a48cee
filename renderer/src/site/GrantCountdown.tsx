import { Badge } from '../components/Badge';
import { Icon } from '../components/Icon';
import { useNow } from '../components/use-now';
import { formatTimeLeft } from '../sites/session-text';

const warnMs = 5 * 60_000;
const urgentMs = 60_000;

/** A Transient Access grant's time left, live; amber in the last five minutes, red in the last one. */
export function GrantCountdown({ expiresAt }: { expiresAt: string | undefined }) {
  const end = expiresAt ? Date.parse(expiresAt) : Number.NaN;
  const now = useNow(1000, !Number.isNaN(end));
  if (Number.isNaN(end)) return null;
  const left = end - now;
  const tone = left <= 0 || left <= urgentMs ? 'error' : left <= warnMs ? 'warning' : 'neutral';
  return (
    <Badge tone={tone} className="grant-countdown">
      <Icon name="clock" size={12} />
      {left <= 0 ? (
        'Grant expired'
      ) : (
        <>
          Time left{' '}
          <span role="timer" aria-label="Time left" className="grant-countdown-time">
            {formatTimeLeft(left)}
          </span>
        </>
      )}
    </Badge>
  );
}
