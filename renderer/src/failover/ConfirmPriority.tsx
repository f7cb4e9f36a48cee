import { priorityLabel } from '../../../shared/failover/wan';
import { Button } from '../components/Button';

/**
 * The guide's "Confirm Priority", shown while a reorder is pending: Apply (its ✅, drawn as a check
 * mark so no emoji font is needed) sends it to the router as a confirmed apply, Cancel (❎) puts
 * the list back as the router has it.
 */
export function ConfirmPriority({
  order,
  graceSeconds,
  busy,
  onApply,
  onCancel,
}: {
  order: number[];
  graceSeconds: number | undefined;
  busy: boolean;
  onApply(): void;
  onCancel(): void;
}) {
  const outcome = order.map((wan, index) => `WAN ${wan} ${priorityLabel(index + 1)}`).join(', ');
  return (
    <fieldset className="confirm-priority">
      {/* A legend cannot sit in the flex row: it names the group, and the visible title repeats it. */}
      <legend className="visually-hidden">Confirm Priority</legend>
      <div className="confirm-priority-text">
        <span className="confirm-priority-title" aria-hidden="true">
          Confirm Priority
        </span>
        <span className="muted">
          {outcome}.{' '}
          {graceSeconds !== undefined &&
            `If Uplink loses the router during the change, the router puts the old order back after ${graceSeconds} s.`}
        </span>
      </div>
      <Button variant="primary" icon="check" busy={busy} onClick={onApply}>
        Apply
      </Button>
      <Button icon="close" disabled={busy} onClick={onCancel}>
        Cancel
      </Button>
    </fieldset>
  );
}
