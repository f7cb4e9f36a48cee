import { useState } from 'react';
import { sharedDistances } from '../../../shared/routes/default-routes';
import type { Route } from '../../../shared/routes/route';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { invoke } from '../ipc/client';
import { planFirst } from './RoutePlanHost';
import { routeAction } from './route-actions';
import type { RouteTableKey } from './routes-view-store';

/**
 * The guide's best practice, checked live: two enabled default routes at one distance leave the
 * choice to RouterOS. "Renumber the others" keeps the selected route (or the first of the group)
 * and moves the rest to distances of their own, in their current order.
 */
export function SameDistanceWarning({
  table,
  defaults,
  selectedId,
  readOnly,
}: {
  table: RouteTableKey;
  defaults: Route[];
  selectedId: string | undefined;
  readOnly: boolean;
}) {
  const [busy, setBusy] = useState(false);
  const shared = [...sharedDistances(defaults)];
  if (shared.length === 0) return null;
  const [distance, group] = shared[0]!;
  const kept = group.find((route) => route.id === selectedId) ?? group[0]!;
  const gateways = group.map((route) => route.gateway).join(', ');

  const renumber = async () => {
    setBusy(true);
    await routeAction('Renumber the others', () =>
      planFirst({
        title: 'Renumber the others',
        plan: () => invoke('routes.planRenumber', { ...table, keepId: kept.id }),
        send: async (commands) => {
          await invoke('routes.renumber', { ...table, keepId: kept.id, ...(commands && { commands }) });
          return null;
        },
      }),
    );
    setBusy(false);
  };

  return (
    <Banner
      tone="warning"
      title={`${group.length} default routes share distance ${distance}`}
      actions={
        !readOnly && (
          <Button size="small" busy={busy} onClick={() => void renumber()}>
            Renumber the others
          </Button>
        )
      }
    >
      Via {gateways}: RouterOS picks between them on its own. Give each WAN its own distance (1 primary, 2
      first failover, …); renumbering keeps {kept.gateway} at {distance} and moves the others after it.
    </Banner>
  );
}
