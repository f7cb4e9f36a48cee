import type { RouteTableStatus } from '../../../shared/ipc/channels/routes';
import { Button } from '../components/Button';
import { count } from '../components/count';

/** A long load, counted as it arrives, with a way out: the rows already here stay usable. */
export function LoadProgress({ status, onCancel }: { status: RouteTableStatus; onCancel(): void }) {
  const { loaded, expected } = status;
  const label = expected
    ? `Loading routes: ${count.format(loaded)} of ${count.format(expected)}`
    : `Loading routes: ${count.format(loaded)}`;
  return (
    <div className="routes-progress">
      <progress
        className="routes-progress-bar"
        aria-label="Loading routes"
        max={expected ?? undefined}
        value={expected ? loaded : undefined}
      />
      <span className="routes-progress-text" role="status">
        {label}
      </span>
      <Button size="small" onClick={onCancel}>
        Cancel loading
      </Button>
    </div>
  );
}
