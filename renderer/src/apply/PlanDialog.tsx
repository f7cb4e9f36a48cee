import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import type { PlanStep } from '../../../shared/failover/plan-text';
import type { ApplyResult } from '../../../shared/ipc/channels/apply';
import { UplinkError } from '../../../shared/ipc/errors';
import { Banner } from '../components/Banner';
import { ConfirmDialog } from '../components/ConfirmDialog';
import './plan.css';

/** A plan as the dialog shows it: a line per change with its RouterOS command, and the link it leaves active. */
export interface PlanView {
  steps: PlanStep[];
  /** Why it goes with a safety net, a line each (the route carrying the session, a default route). */
  reasons?: string[];
  /** The link expected to carry traffic afterwards, e.g. "ISP2 (ether2)". */
  outcome?: string;
}

export interface PlanDialogProps {
  title: string;
  intro: ReactNode;
  /** Apply undoes or takes away (Deactivate, Undo): the button says so in red. */
  danger?: boolean;
  /** Reads the plan from the router, when the dialog opens and again after a refused Apply. */
  load(): Promise<PlanView>;
  /** Sends the plan's commands as shown; main refuses them if the router changed meanwhile. */
  send(commands: string[]): Promise<ApplyResult>;
  onApplied(result: ApplyResult): void;
  /** The session was lost during Apply: the tab's banners take over from here. */
  onLost(): void;
  onCancel(): void;
}

/**
 * Every change from the WAN Failover tab, and every undo, passes here before anything is sent: one
 * line per change, read from the router when the dialog opens, the link that will carry traffic
 * afterwards, and the RouterOS commands one click away. Apply sends exactly these commands; if the
 * router changed meanwhile, main sends nothing and the dialog reads the new plan.
 */
export function PlanDialog({
  title,
  intro,
  danger = false,
  load,
  send,
  onApplied,
  onLost,
  onCancel,
}: PlanDialogProps) {
  const [plan, setPlan] = useState<PlanView | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The owner's latest load, without reading the router again whenever the owner re-renders.
  const loadRef = useRef(load);
  loadRef.current = load;

  /** Reads the plan from the router; the returned function ignores an answer no longer wanted. */
  const read = useCallback(() => {
    let live = true;
    setPlan(null);
    loadRef.current().then(
      (answer) => live && setPlan(answer),
      (error: Error) => live && setFailure(error.message),
    );
    return () => {
      live = false;
    };
  }, []);
  useEffect(read, [read]);

  const apply = async () => {
    if (!plan) return;
    setBusy(true);
    setFailure(null);
    try {
      const commands = plan.steps.map((step) => step.command);
      onApplied(await send(commands));
    } catch (error) {
      if (error instanceof UplinkError && error.code === 'closed') return onLost();
      setFailure(error instanceof Error ? error.message : String(error));
      // The router may have changed under the plan: show it as it is now.
      read();
    } finally {
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog
      open
      title={title}
      confirmLabel="Apply"
      tone={danger ? 'danger' : 'primary'}
      // Without a plan there is nothing to send: Apply waits for one (or stays off when it could not be read).
      busy={busy || plan === null}
      onConfirm={() => void apply()}
      onCancel={onCancel}
    >
      <div className="plan">
        <p>{intro}</p>
        {plan?.reasons && plan.reasons.length > 0 && (
          <ul className="plan-reasons" aria-label="Why">
            {plan.reasons.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        )}
        {failure && <Banner tone="error">{failure}</Banner>}
        {plan === null && !failure && <p className="muted">Reading the router…</p>}
        {plan && plan.steps.length === 0 && <p>Nothing on the router needs to change.</p>}
        {plan && plan.steps.length > 0 && (
          <section aria-label="Plan">
            <h3 className="plan-heading">Changes on the router</h3>
            <ul className="plan-steps">
              {plan.steps.map((step) => (
                <li key={step.command}>{step.text}</li>
              ))}
            </ul>
          </section>
        )}
        {plan?.outcome && (
          <p className="plan-outcome">
            Afterwards the active link is <strong>{plan.outcome}</strong>; Uplink checks it on the router.
          </p>
        )}
        {plan && plan.steps.length > 0 && (
          <details className="plan-commands">
            <summary>RouterOS commands</summary>
            <pre>{plan.steps.map((step) => step.command).join('\n')}</pre>
          </details>
        )}
      </div>
    </ConfirmDialog>
  );
}
