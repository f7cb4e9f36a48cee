import { useMemo, useState } from 'react';
import type { SiteSnapshot } from '../../../shared/drafts/draft';
import { draftedRoutes } from '../../../shared/drafts/draft-plan';
import { routerInterfaces } from '../../../shared/failover/precheck';
import { readSetup } from '../../../shared/failover/setup';
import { EmptyState } from '../components/EmptyState';
import { ConfigureWanDialog } from '../failover/ConfigureWanDialog';
import { WanPriorityList } from '../failover/WanPriorityList';
import { invoke } from '../ipc/client';
import { useNoticesStore } from '../stores/notices-store';
import { selectSite, useSitesStore } from '../stores/sites-store';
import { selectDraft, useDraftsStore } from './drafts-store';

/**
 * WAN Failover offline: the WANs as the snapshot has them, with the draft's order and gateways.
 * Each move or new gateway is kept in the draft at once (a laptop may close at any moment), and
 * applied when the site is back.
 */
export function OfflineFailover({ siteId, snapshot }: { siteId: string; snapshot: SiteSnapshot }) {
  const items = useDraftsStore(selectDraft(siteId))?.items;
  const readOnly = useSitesStore((state) => selectSite(siteId)(state)?.readOnly ?? false);
  const [configuring, setConfiguring] = useState<number | null>(null);
  const { drafted, routerOrder, interfaces } = useMemo(() => {
    const draft = items && { siteId, baseTakenAt: snapshot.takenAt, items };
    return {
      drafted: readSetup(draftedRoutes(snapshot.routes, draft).map(({ route }) => route)).wans,
      routerOrder: readSetup(snapshot.routes).wans.map((wan) => wan.wan),
      interfaces: routerInterfaces(snapshot.interfaces, snapshot.addresses),
    };
  }, [snapshot, items, siteId]);

  if (drafted.length === 0) {
    return (
      <EmptyState icon="router" title="No WAN failover in the snapshot">
        <p>Failover was not set up on this router when it was last connected. Connect to set it up.</p>
      </EmptyState>
    );
  }
  const reorder = (next: number[]) =>
    invoke('drafts.reorderWans', { siteId, order: next }).catch((error: unknown) =>
      useNoticesStore.getState().push({
        level: 'error',
        title: 'The new order was not kept',
        message: error instanceof Error ? error.message : String(error),
      }),
    );
  const current = drafted.find((wan) => wan.wan === configuring);
  return (
    <div className="site-tab-page">
      <p className="muted">
        Offline: the WAN priority as last read from the router. Moving a WAN or changing its gateway keeps the
        change in the draft; it is applied, with a safety net, when you apply the draft.
      </p>
      <WanPriorityList
        order={drafted.map((wan) => wan.wan)}
        routerOrder={routerOrder}
        statuses={drafted}
        unordered={[]}
        editable={!readOnly}
        configurable
        onReorder={(next) => void reorder(next)}
        onConfigure={setConfiguring}
        onRemoveSlot={() => undefined}
      />
      {configuring !== null && (
        <ConfigureWanDialog
          siteId={siteId}
          wan={configuring}
          current={current}
          takenProbes={drafted.filter((wan) => wan.wan !== configuring).flatMap((wan) => wan.probe ?? [])}
          onClose={() => setConfiguring(null)}
          offline={{
            interfaces,
            save: (wan) => invoke('drafts.configureWan', { siteId, wan }),
          }}
        />
      )}
    </div>
  );
}
