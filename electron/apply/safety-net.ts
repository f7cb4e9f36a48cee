import type { ApplyPlan } from '../../shared/apply/plan';
import { rollbackName, schedulerMenu } from '../../shared/apply/rollback';
import { routeMenu } from '../../shared/failover/recipe';
import type { AddCommand } from '../../shared/routeros/command';
import { parseRoute, type Route } from '../../shared/routes/route';
import { type RouterClient, RouterError } from '../routeros/router-client';
import { routeProplist } from '../routes/route-table';

/** The `.id` of a safety net (a scheduler entry Uplink added) on the router, when it is there. */
export async function safetyNetId(client: RouterClient, name = rollbackName): Promise<string | undefined> {
  const [row] = await client.print(schedulerMenu, { query: [`name=${name}`], proplist: ['.id'] });
  return row?.['.id'];
}

/**
 * Whose safety net is on the router under `entry`'s name: the one in `entry` (its undo script is
 * the same), another one, or none.
 */
export async function safetyNetOwner(
  client: RouterClient,
  entry: AddCommand,
): Promise<'ours' | 'another' | undefined> {
  const [row] = await client.print(schedulerMenu, {
    query: [`name=${entry.attrs.name}`],
    proplist: ['on-event'],
  });
  if (!row) return undefined;
  return row['on-event'] === entry.attrs['on-event'] ? 'ours' : 'another';
}

/**
 * Takes a safety net off: the one with `id` when a read just found it, else the one by its name.
 * False when it was already gone: its grace period ran out and the router ran the undo itself,
 * or someone removed it.
 */
export async function removeSafetyNet(client: RouterClient, id?: string): Promise<boolean> {
  const found = id ?? (await safetyNetId(client));
  if (found === undefined) return false;
  try {
    await client.run(`${schedulerMenu}/remove`, { '.id': found });
  } catch (error) {
    // Gone between the read and the remove: the router ran it.
    if (error instanceof RouterError && error.code === 'trap' && /no such item/.test(error.message))
      return false;
    throw error;
  }
  return true;
}

/**
 * The routes a plan's checks look at, each asked for by its selector's own terms (a comment tag,
 * an address), so a router with a full table is never printed whole.
 */
export async function checkedRoutes(client: RouterClient, plan: Pick<ApplyPlan, 'expected' | 'previous'>) {
  const queries = new Map<string, { menu: string; query: string[] }>();
  for (const { menu = routeMenu, select } of [...plan.expected, ...plan.previous]) {
    const query =
      'id' in select
        ? [`.id=${select.id}`]
        : Object.entries(select.where).map(([name, value]) => `${name}=${value}`);
    queries.set(JSON.stringify([menu, query]), { menu, query });
  }
  const replies = await Promise.all(
    [...queries.values()].map(async ({ menu, query }) =>
      (await client.print(menu, { query, proplist: routeProplist })).map((row) => ({ menu, row })),
    ),
  );
  // IPv4 and IPv6 routes in one list: where-selectors tell them apart by their destinations.
  const byId = new Map<string, Route>();
  for (const { menu, row } of replies.flat()) {
    const route = parseRoute(row);
    byId.set(`${menu} ${route.id}`, route);
  }
  return [...byId.values()];
}
