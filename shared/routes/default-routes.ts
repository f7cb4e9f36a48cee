import { hasFlag, isDefaultRoute, type Route } from './route';

/**
 * The guide's best practice: no two enabled default routes share a distance, or RouterOS picks
 * between them on its own. Returns the distances that are shared, each with its routes.
 */
export function sharedDistances(routes: Route[]): Map<number, Route[]> {
  const byDistance = new Map<number, Route[]>();
  for (const route of routes) {
    if (!isDefaultRoute(route) || hasFlag(route, 'disabled')) continue;
    byDistance.set(route.distance, [...(byDistance.get(route.distance) ?? []), route]);
  }
  return new Map([...byDistance].filter(([, group]) => group.length > 1));
}

/**
 * "Renumber the others": keep `kept` at its distance and give every other enabled default route a
 * distance of its own, keeping their current order (by distance, then as listed), skipping the kept
 * distance, and moving as few routes as possible. Returns only the routes whose distance changes.
 */
export function renumberOthers(routes: Route[], kept: Route): { route: Route; distance: number }[] {
  const others = routes.filter(
    (route) => isDefaultRoute(route) && !hasFlag(route, 'disabled') && route.id !== kept.id,
  );
  return spreadDistances(others, [kept.distance], 1);
}

/**
 * Gives each route a distance of its own, at least `floor` and none of `taken`, keeping their order
 * (by distance, then as listed) and moving as few as possible. Returns only the routes that move.
 */
export function spreadDistances(
  routes: Route[],
  taken: Iterable<number>,
  floor: number,
): { route: Route; distance: number }[] {
  const ordered = routes
    .map((route, index) => ({ route, index }))
    .sort((a, b) => a.route.distance - b.route.distance || a.index - b.index);
  const used = new Set(taken);
  const changes: { route: Route; distance: number }[] = [];
  let next = floor;
  for (const { route } of ordered) {
    let distance = Math.max(route.distance, next);
    while (used.has(distance)) distance += 1;
    if (distance > 255) throw new Error('No free distance left below 256');
    used.add(distance);
    next = distance + 1;
    if (distance !== route.distance) changes.push({ route, distance });
  }
  return changes;
}
