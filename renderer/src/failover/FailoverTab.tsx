import { useEffect, useState } from 'react';
import { maxWans } from '../../../shared/failover/wan';
import type { FailoverChange } from '../../../shared/ipc/channels/failover';
import { selectApply, useApplyStore } from '../apply/apply-store';
import { GraceSetting } from '../apply/GraceSetting';
import { PlanDialog } from '../apply/PlanDialog';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { EmptyState } from '../components/EmptyState';
import { invoke } from '../ipc/client';
import { WanReadout } from '../monitor/WanReadout';
import { selectSession, useSessionsStore } from '../stores/sessions-store';
import { AdoptDialog } from './AdoptDialog';
import { ConfigureWanDialog } from './ConfigureWanDialog';
import { ConfirmPriority } from './ConfirmPriority';
import { selectFailover, useFailoverStore } from './failover-store';
import { OtherDefaultRoutes } from './OtherDefaultRoutes';
import { selectDraftOrder, selectSlots, usePriorityDraftStore } from './priority-draft-store';
import { WanPriorityList } from './WanPriorityList';
import './failover.css';

const sameList = (a: number[], b: number[]) =>
  a.length === b.length && a.every((wan, index) => wan === b[index]);
const sameSet = (a: number[], b: number[]) => a.length === b.length && a.every((wan) => b.includes(wan));

/** A site's WAN Failover tab, as the guide walks through it: Enable, configure, order, confirm, deactivate. */
export function FailoverTab({ siteId }: { siteId: string }) {
  const state = useFailoverStore(selectFailover(siteId));
  const graceSeconds = useApplyStore((s) => s.settings?.graceSeconds);
  const changes = useApplyStore(selectApply(siteId));
  const slots = usePriorityDraftStore(selectSlots(siteId));
  const draft = usePriorityDraftStore(selectDraftOrder(siteId));
  const drafts = usePriorityDraftStore.getState();
  const sessionReadOnly = useSessionsStore((s) => selectSession(siteId)(s)?.readOnly ?? false);
  const [configuring, setConfiguring] = useState<number | null>(null);
  const [adopting, setAdopting] = useState(false);
  const [planning, setPlanning] = useState<Planning | null>(null);

  useEffect(() => {
    void useFailoverStore
      .getState()
      .loadSite(siteId)
      .catch(() => undefined);
  }, [siteId]);

  if (!state || (state.phase !== 'ready' && state.wans.length === 0 && state.others.length === 0)) {
    return <NotReady phase={state?.phase} error={state?.error} />;
  }

  const readOnly = state.readOnly || sessionReadOnly;
  const ready = state.phase === 'ready';
  const editable = ready && !readOnly && !changes?.applying;
  const routerOrder = state.wans.filter((wan) => wan.state !== 'incomplete').map((wan) => wan.wan);
  const order = draft && sameSet(draft, routerOrder) ? draft : routerOrder;
  const pending = !sameList(order, routerOrder);
  const onRouter = state.wans.map((wan) => wan.wan);
  const unordered = [
    ...state.wans.filter((wan) => wan.state === 'incomplete').map((wan) => wan.wan),
    ...slots.filter((wan) => !onRouter.includes(wan)),
  ];
  const enabled = order.length + unordered.length > 0;
  const configuredNow = state.wans.find((wan) => wan.wan === configuring);

  return (
    <div className="site-tab-page">
      {readOnly && (
        <Banner tone="info" title="Read-only">
          This site is open read-only: WAN failover is shown as the router has it, and nothing can be changed.
        </Banner>
      )}
      {!ready && (
        <Banner tone={state.phase === 'failed' ? 'error' : 'info'}>
          {state.phase === 'failed'
            ? `The router’s routes could not be read: ${state.error ?? 'unknown error'}.`
            : 'Offline: this is the router as Uplink last saw it. Connect to change it.'}
        </Banner>
      )}

      <div className="failover-toolbar">
        <div className="failover-summary">
          <h2 className="failover-heading">WAN failover</h2>
          <span className="muted" aria-live="polite">
            {!enabled
              ? 'Off'
              : state.active
                ? `Carrying traffic: ${state.active.label}, ${state.active.detail}`
                : ready
                  ? 'No default route is active: the router has no way to the internet.'
                  : ''}
          </span>
        </div>
        {enabled && (
          <Button icon="close" disabled={!editable} onClick={() => setPlanning(deactivating)}>
            Deactivate
          </Button>
        )}
      </div>

      {!enabled ? (
        <EmptyState
          icon="radar"
          title="WAN failover is off"
          action={
            <Button variant="primary" disabled={!ready || readOnly} onClick={() => setAdopting(true)}>
              Enable
            </Button>
          }
        >
          <p>
            Keep this router online over two or more internet links. The router itself moves traffic to the
            next link when one stops answering, even with this laptop closed.
          </p>
        </EmptyState>
      ) : (
        <section className="failover-section" aria-label="Priority">
          <WanPriorityList
            order={order}
            routerOrder={routerOrder}
            statuses={state.wans}
            unordered={unordered}
            editable={editable}
            configurable={!pending}
            onReorder={(next) => drafts.setOrder(siteId, next)}
            onConfigure={setConfiguring}
            onRemoveSlot={(wan) => drafts.removeSlot(siteId, wan)}
            renderMonitor={(status) => <WanReadout siteId={siteId} wan={status.wan} />}
          />
          {pending ? (
            <ConfirmPriority
              order={order}
              graceSeconds={graceSeconds}
              busy={changes?.applying?.kind === 'reorder'}
              onApply={() =>
                setPlanning({
                  change: { kind: 'reorder', order },
                  title: 'Confirm Priority: plan',
                  intro: 'The WANs’ default routes get the distances of their new places.',
                })
              }
              onCancel={() => drafts.discardOrder(siteId)}
            />
          ) : (
            order.length + unordered.length < maxWans && (
              <Button
                icon="plus"
                className="add-wan"
                disabled={!editable}
                onClick={() => drafts.addWan(siteId, onRouter)}
              >
                Add WAN
              </Button>
            )
          )}
        </section>
      )}

      <OtherDefaultRoutes
        others={state.others}
        editable={editable}
        onRenumber={() =>
          setPlanning({
            change: { kind: 'renumber' },
            title: 'Move the other default routes behind the WANs',
            intro:
              'Each gets a distance after the WANs’, in the order they have now; its earlier distance is noted in its comment, and Deactivate puts it back.',
          })
        }
      />

      {graceSeconds !== undefined && (
        <section className="failover-section failover-safety" aria-label="Safety net">
          <GraceSetting key={graceSeconds} graceSeconds={graceSeconds} editable={!readOnly} />
        </section>
      )}

      {configuring !== null && (
        <ConfigureWanDialog
          siteId={siteId}
          wan={configuring}
          current={configuredNow}
          takenProbes={state.wans.filter((wan) => wan.wan !== configuring).flatMap((wan) => wan.probe ?? [])}
          onClose={() => setConfiguring(null)}
          onPlanned={(wan) => {
            setConfiguring(null);
            setPlanning({
              change: { kind: 'configure', wan },
              title: `Configure WAN ${wan.wan}: plan`,
              intro: 'Nothing has changed on the router yet: this is what Apply does.',
            });
          }}
        />
      )}
      {adopting && (
        <AdoptDialog
          siteId={siteId}
          onCancel={() => setAdopting(false)}
          onByHand={() => {
            setAdopting(false);
            drafts.enable(siteId);
          }}
          onReview={(wans) => {
            setAdopting(false);
            setPlanning({
              change: { kind: 'enable', wans },
              title: 'Enable WAN failover: plan',
              intro:
                'Each WAN gets its probe route and a checked default route, in this order; the default routes that were there go behind them, each with its earlier distance noted for Deactivate.',
            });
          }}
        />
      )}
      {planning && (
        <PlanDialog
          load={() => invoke('failover.plan', { siteId, change: planning.change })}
          send={(commands) => invoke('failover.apply', { siteId, change: planning.change, commands })}
          danger={planning.change.kind === 'deactivate'}
          title={planning.title}
          intro={planning.intro}
          onCancel={() => setPlanning(null)}
          onLost={() => {
            // The banners above tell how the interrupted apply stands; the list shows the router.
            if (planning.change.kind === 'reorder') drafts.discardOrder(siteId);
            setPlanning(null);
          }}
          onApplied={() => {
            const { kind } = planning.change;
            setPlanning(null);
            if (kind === 'deactivate') drafts.reset(siteId);
            if (kind === 'reorder') drafts.discardOrder(siteId);
          }}
        />
      )}
    </div>
  );
}

/** A change waiting for the technician to read its plan and apply it. */
interface Planning {
  change: FailoverChange;
  title: string;
  intro: string;
}

const deactivating: Planning = {
  change: { kind: 'deactivate' },
  title: 'Deactivate WAN failover',
  intro:
    'Failover is taken off the router: everything Uplink added goes, the routes it moved get their earlier distances back, and the link carrying traffic keeps carrying it.',
};

function NotReady({ phase, error }: { phase: string | undefined; error: string | undefined }) {
  if (phase === 'loading') return <EmptyState icon="radar" title="Reading the router’s routes…" />;
  if (phase === 'failed') {
    return (
      <EmptyState icon="warning" title="The router’s routes could not be read">
        <p>{error}</p>
      </EmptyState>
    );
  }
  return (
    <EmptyState icon="plug" title="Connect to manage WAN failover">
      <p>Uplink reads the WAN setup from the router itself: connect to the site to see and change it.</p>
    </EmptyState>
  );
}
