import { type ReactNode, useCallback, useEffect, useState } from 'react';
import type { ApplyResult } from '../../../shared/ipc/channels/apply';
import type { FailoverChange, FailoverPlan } from '../../../shared/ipc/channels/failover';
import { UplinkError } from '../../../shared/ipc/errors';
import { Banner } from '../components/Banner';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { invoke } from '../ipc/client';

export interface PlanDialogProps {
  siteId: string;
  change: FailoverChange;
  title: string;
  intro: ReactNode;
  onApplied(result: ApplyResult): void;
  /** The session was lost during Apply: the tab's banners take over from here. */
  onLost(): void;
  onCancel(): void;
}

/**
 * Every change from the WAN Failover tab passes here before anything is sent: one line per change,
 * read from the router when the dialog opens, the link that will carry traffic afterwards, and the
 * RouterOS commands one click away. Apply sends exactly these commands; if the router changed
 * meanwhile, main sends nothing and the dialog reads the new plan.
 */
export function PlanDialog({ siteId, change, title, intro, onApplied, onLost, onCancel }: PlanDialogProps) {
  const [plan, setPlan] = useState<FailoverPlan | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  /** Reads the plan from the router; the returned function ignores an answer no longer wanted. */
  const read = useCallback(() => {
    let live = true;
    setPlan(null);
    invoke('failover.plan', { siteId, change }).then(
      (answer) => live && setPlan(answer),
      (error: Error) => live && setFailure(error.message),
    );
    return () => {
      live = false;
    };
  }, [siteId, change]);
  useEffect(read, [read]);

  const apply = async () => {
    if (!plan) return;
    setBusy(true);
    setFailure(null);
    try {
      const commands = plan.steps.map((step) => step.command);
      onApplied(await invoke('failover.apply', { siteId, change, commands }));
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
      tone={change.kind === 'deactivate' ? 'danger' : 'primary'}
      busy={busy || (plan === null && failure === null)}
      onConfirm={() => void apply()}
      onCancel={onCancel}
    >
      <div className="plan">
        <p>{intro}</p>
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
