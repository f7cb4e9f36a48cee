import { useMemo } from 'react';
import type { SiteSnapshot } from '../../../shared/drafts/draft';
import { draftedRoutes } from '../../../shared/drafts/draft-plan';
import { wanComment } from '../../../shared/failover/wan';
import { isDefaultRoute } from '../../../shared/routes/route';
import { EmptyState } from '../components/EmptyState';
import { WanPriorityList } from '../failover/WanPriorityList';
import { invoke } from '../ipc/client';
import { useNoticesStore } from '../stores/notices-store';
import { selectDraft, useDraftsStore } from './drafts-store';

const byPriority = (distances: Map<number, number>) => (a: number, b: number) =>
  (distances.get(a) ?? 0) - (distances.get(b) ?? 0);

/**
 * WAN Failover offline: the WANs as the snapshot has them, in the draft's order. Each move is kept
 * in the draft at once (a laptop may close at any moment), and applied when the site is back.
 */
export function OfflineFailover({ siteId, snapshot }: { siteId: string; snapshot: SiteSnapshot }) {
  const items = useDraftsStore(selectDraft(siteId))?.items;
  const { order, routerOrder } = useMemo(() => {
    const drafted = draftedRoutes(snapshot.routes, items && { siteId, baseTakenAt: snapshot.takenAt, items });
    const distance = (wan: number, routes: typeof snapshot.routes) =>
      routes.find((route) => isDefaultRoute(route) && route.comment === wanComment(wan))?.distance ?? 0;
    const wans = snapshot.wans.map((status) => status.wan);
    const draftedDistances = new Map(
      wans.map((wan) => [
        wan,
        distance(
          wan,
          drafted.map(({ route }) => route),
        ),
      ]),
    );
    const snapshotDistances = new Map(wans.map((wan) => [wan, distance(wan, snapshot.routes)]));
    return {
      order: [...wans].sort(byPriority(draftedDistances)),
      routerOrder: [...wans].sort(byPriority(snapshotDistances)),
    };
  }, [snapshot, items, siteId]);

  if (snapshot.wans.length === 0) {
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
  return (
    <div className="site-tab-page">
      <p className="muted">
        Offline: the WAN priority as last read from the router. Moving a WAN keeps the new order in the draft;
        it is applied, with a safety net, when you apply the draft.
      </p>
      <WanPriorityList
        order={order}
        routerOrder={routerOrder}
        statuses={snapshot.wans}
        unordered={[]}
        editable
        configurable={false}
        onReorder={(next) => void reorder(next)}
        onConfigure={() => undefined}
        onRemoveSlot={() => undefined}
      />
    </div>
  );
}
