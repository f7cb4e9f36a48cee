import { type ReactNode, useEffect, useState } from 'react';
import type { PlanPreview } from '../../../shared/ipc/channels/failover';
import { Banner } from '../components/Banner';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { invoke } from '../ipc/client';

export interface PlanDialogProps {
  siteId: string;
  change: 'deactivate' | 'renumber';
  title: string;
  intro: ReactNode;
  busy: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/**
 * Confirm or Cancel a change, listing exactly what it does to the router: each step in words, and
 * the RouterOS commands behind them, read from the router when the dialog opens.
 */
export function PlanDialog({ siteId, change, title, intro, busy, onConfirm, onCancel }: PlanDialogProps) {
  const [preview, setPreview] = useState<PlanPreview | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    invoke('failover.preview', { siteId, change }).then(
      (answer) => live && setPreview(answer),
      (error: Error) => live && setFailure(error.message),
    );
    return () => {
      live = false;
    };
  }, [siteId, change]);

  const removes = preview?.steps.filter((step) => step.op === 'remove') ?? [];
  const others = preview?.steps.filter((step) => step.op !== 'remove') ?? [];
  return (
    <ConfirmDialog
      open
      title={title}
      confirmLabel="Confirm"
      tone={change === 'deactivate' ? 'danger' : 'primary'}
      busy={busy || (preview === null && failure === null)}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <div className="plan">
        <p>{intro}</p>
        {failure && <Banner tone="error">{failure}</Banner>}
        {preview === null && !failure && <p className="muted">Reading the router…</p>}
        {preview && preview.steps.length === 0 && <p>Nothing on the router needs to change.</p>}
        {others.length > 0 && (
          <section aria-label={change === 'deactivate' ? 'Keeps' : 'Changes'}>
            <h3 className="plan-heading">
              {change === 'deactivate' ? 'Keeps the router online with' : 'Changes'}
            </h3>
            <ul className="plan-steps">
              {others.map((step) => (
                <li key={step.command}>{step.text}</li>
              ))}
            </ul>
          </section>
        )}
        {removes.length > 0 && (
          <section aria-label="Removes">
            <h3 className="plan-heading">Removes</h3>
            <ul className="plan-steps">
              {removes.map((step) => (
                <li key={step.command}>{step.text}</li>
              ))}
            </ul>
          </section>
        )}
        {preview && preview.steps.length > 0 && (
          <details className="plan-commands">
            <summary>RouterOS commands</summary>
            <pre>{preview.steps.map((step) => step.command).join('\n')}</pre>
          </details>
        )}
      </div>
    </ConfirmDialog>
  );
}
