import { useEffect, useState } from 'react';
import { maxWans } from '../../../shared/failover/wan';
import { ApplyBanners } from '../apply/ApplyBanners';
import { selectApply, useApplyStore } from '../apply/apply-store';
import { GraceSetting } from '../apply/GraceSetting';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { EmptyState } from '../components/EmptyState';
import { invoke } from '../ipc/client';
import { WanReadout } from '../monitor/WanReadout';
import { selectSession, useSessionsStore } from '../stores/sessions-store';
import { ConfigureWanDialog } from './ConfigureWanDialog';
import { ConfirmPriority } from './ConfirmPriority';
import { selectFailover, useFailoverStore } from './failover-store';
import { OtherDefaultRoutes } from './OtherDefaultRoutes';
import { PlanDialog } from './PlanDialog';
import { selectDraftOrder, selectSlots, usePriorityDraftStore } from './priority-draft-store';
import { useFailoverRequest } from './use-failover-request';
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
  const request = useFailoverRequest();
  const [configuring, setConfiguring] = useState<number | null>(null);
  const [asking, setAsking] = useState<'deactivate' | 'renumber' | null>(null);

  // An apply the session was lost in is told by the state from here on (and how it ended, later).
  const interrupted = changes?.interrupted !== undefined;
  const { clearError } = request;
  useEffect(() => {
    if (interrupted) clearError();
  }, [interrupted, clearError]);

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
  const editable = ready && !readOnly && !changes?.applying && request.busy === null;
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
      <ApplyBanners siteId={siteId} requestError={request.error} onDismissError={request.clearError} />

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
          <Button icon="close" disabled={!editable} onClick={() => setAsking('deactivate')}>
            Deactivate
          </Button>
        )}
      </div>

      {!enabled ? (
        <EmptyState
          icon="radar"
          title="WAN failover is off"
          action={
            <Button variant="primary" disabled={!ready || readOnly} onClick={() => drafts.enable(siteId)}>
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
              busy={request.busy === 'reorder' || changes?.applying?.kind === 'reorder'}
              onApply={() =>
                // Tried once, the list shows the router again: the new order, or (with what went
                // wrong said above it) the one the router kept.
                void request
                  .run('reorder', () => invoke('failover.reorder', { siteId, order }))
                  .finally(() => drafts.discardOrder(siteId))
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
        onRenumber={() => setAsking('renumber')}
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
        />
      )}
      {asking && (
        <PlanDialog
          siteId={siteId}
          change={asking}
          title={
            asking === 'deactivate'
              ? 'Deactivate WAN failover'
              : 'Move the other default routes behind the WANs'
          }
          intro={
            asking === 'deactivate'
              ? 'Failover is taken off the router: everything Uplink added goes, and the link carrying traffic stays as a plain default route.'
              : 'Each gets a distance after the WANs’, in the order they have now.'
          }
          busy={request.busy !== null}
          onCancel={() => setAsking(null)}
          onConfirm={() =>
            void request.run(asking, async () => {
              if (asking === 'deactivate') {
                await invoke('failover.deactivate', { siteId });
                drafts.reset(siteId);
              } else {
                await invoke('failover.renumberOthers', { siteId });
              }
              setAsking(null);
            })
          }
        />
      )}
    </div>
  );
}

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
