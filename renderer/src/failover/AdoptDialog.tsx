import { useEffect, useState } from 'react';
import type { WanConfig } from '../../../shared/failover/wan';
import type { ProposedWan } from '../../../shared/ipc/channels/failover';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { Checkbox } from '../components/Choice';
import { Dialog } from '../components/Dialog';
import '../apply/plan.css';
import { invoke } from '../ipc/client';

/**
 * Enable starts from what the router has: its default routes, one proposed WAN per gateway, named
 * by the route's comment, in their distance order. The technician keeps the ones that are WANs and
 * goes on to the plan; or, with none to adopt, sets the WANs up one by one.
 */
export function AdoptDialog({
  siteId,
  onReview,
  onByHand,
  onCancel,
}: {
  siteId: string;
  onReview(wans: WanConfig[]): void;
  onByHand(): void;
  onCancel(): void;
}) {
  const [proposed, setProposed] = useState<ProposedWan[] | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [left, setLeft] = useState<Set<number>>(new Set());

  useEffect(() => {
    let live = true;
    invoke('failover.propose', { siteId }).then(
      (answer) => live && setProposed(answer),
      (error: Error) => live && setFailure(error.message),
    );
    return () => {
      live = false;
    };
  }, [siteId]);

  const kept = (proposed ?? []).filter((wan) => !left.has(wan.wan));
  // Numbered in the order kept, so the WANs are 1, 2, … with no gap.
  const wans = kept.map(({ name: _name, ...wan }, index) => ({ ...wan, wan: index + 1 }));
  const toggle = (wan: number) =>
    setLeft((previous) => {
      const next = new Set(previous);
      if (!next.delete(wan)) next.add(wan);
      return next;
    });

  return (
    <Dialog
      open
      title="Enable WAN failover"
      onClose={onCancel}
      footer={
        <>
          <Button onClick={onCancel}>Cancel</Button>
          <Button onClick={onByHand}>Set up by hand</Button>
          <Button variant="primary" disabled={wans.length === 0} onClick={() => onReview(wans)}>
            Review plan
          </Button>
        </>
      }
    >
      <div className="plan">
        {failure && <Banner tone="error">{failure}</Banner>}
        {proposed === null && !failure && <p className="muted">Reading the router’s default routes…</p>}
        {proposed?.length === 0 && (
          <p>This router has no default route through a gateway on an interface: set the WANs up by hand.</p>
        )}
        {proposed && proposed.length > 0 && (
          <>
            <p>
              These are the router’s default routes, one WAN per gateway, in the order the router prefers them
              now. Keep the ones that are internet links; nothing changes on the router before you apply the
              plan.
            </p>
            <ul className="adopt-list" aria-label="Proposed WANs">
              {proposed.map((wan) => (
                <li key={wan.wan}>
                  <Checkbox
                    label={`${wan.name}: via ${wan.gateway} on ${wan.interface}`}
                    hint={`Probe host ${wan.probe}`}
                    checked={!left.has(wan.wan)}
                    onChange={() => toggle(wan.wan)}
                  />
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </Dialog>
  );
}
