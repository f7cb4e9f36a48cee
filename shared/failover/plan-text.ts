import { type ApplyPlan, selectRoutes } from '../apply/plan';
import { type RouterCommand, toCli } from '../routeros/command';
import { defaultRoute, type Route, routeInterface } from '../routes/route';
import { nextHop } from './active-link';
import { type FailoverFacts, gatewayName, plainComment, recordedDistance } from './moved-routes';
import { dhcpMenu } from './plan';
import { describeQualityCommand } from './quality';
import { routeAttr, routeMenu } from './recipe';
import { parseUplinkComment } from './wan';

/** One step of a plan: one readable line for the technician, and the exact RouterOS command that runs. */
export interface PlanStep {
  op: RouterCommand['op'];
  text: string;
  command: string;
}

/** "WAN 2 (ISP2)": the WAN's number with the name of the plain default route through its gateway. */
function wanTitle(routes: Route[], wan: number, gateway: string | undefined): string {
  const name = gatewayName(routes, gateway);
  return name ? `WAN ${wan} (${name})` : `WAN ${wan}`;
}

/** How a change to one property reads: "distance 1 → 3", a recorded earlier distance in words. */
export function describeChange(name: string, before: string | undefined, after: string): string {
  if (name === 'comment') {
    if (recordedDistance(after) !== undefined && recordedDistance(before ?? '') === undefined)
      return 'its earlier distance noted in its comment, for Deactivate';
    if (plainComment(before ?? '') === after) return 'the note of its earlier distance taken off its comment';
    return `comment “${before ?? ''}” → “${after}”`;
  }
  return before === undefined || before === after ? `${name} ${after}` : `${name} ${before} → ${after}`;
}

/** Describes each command of a plan from the router's routes and DHCP clients it touches now. */
export function planSteps(plan: ApplyPlan, facts: FailoverFacts): PlanStep[] {
  const { routes, dhcpClients } = facts;
  // WANs this plan adds: their gateway is on the probe route it adds.
  const gateways = new Map<number, string>();
  for (const route of routes) {
    const tag = parseUplinkComment(route.comment);
    if (tag?.probe) gateways.set(tag.wan, route.gateway.split('%')[0] ?? '');
  }
  for (const command of plan.forward) {
    const tag = command.op === 'add' ? parseUplinkComment(command.attrs.comment) : undefined;
    if (tag?.probe && command.op === 'add') gateways.set(tag.wan, command.attrs.gateway?.split('%')[0] ?? '');
  }

  /** "WAN 1 (ISP1) default route", "ISP2 default route". */
  const routeTitle = (comment: string, gateway: string | undefined) => {
    const tag = parseUplinkComment(comment);
    if (!tag) return `${plainComment(comment) || gateway} default route`;
    const title = wanTitle(routes, tag.wan, gateways.get(tag.wan));
    return tag.probe ? `${title} probe route` : `${title} default route`;
  };

  const line = (command: RouterCommand): string => {
    if (command.menu === dhcpMenu && command.op === 'set' && 'where' in command.select) {
      const name = command.select.where.interface ?? '';
      const client = dhcpClients.find((each) => each.interface === name);
      const route = routes.find((each) => routeInterface(each) === name && each.dstAddress === defaultRoute);
      const changes = Object.entries(command.attrs).map(([property, value]) =>
        property === 'default-route-distance'
          ? describeChange('distance', route && String(route.distance), value)
          : describeChange(property, client?.comment, value),
      );
      return `${plainComment(client?.comment ?? '') || name} default route (DHCP client on ${name}): ${changes.join(', ')}`;
    }
    if (command.menu !== routeMenu)
      return (
        describeQualityCommand(command, (wan) => wanTitle(routes, wan, gateways.get(wan))) ?? toCli(command)
      );
    if (command.op === 'add') {
      const { attrs } = command;
      const tag = parseUplinkComment(attrs.comment);
      const title = routeTitle(attrs.comment ?? '', attrs.gateway);
      if (tag?.probe) {
        const [gateway, name] = (attrs.gateway ?? '').split('%');
        return `${title}: add, to probe host ${attrs['dst-address']} through ${gateway}${name ? ` on ${name}` : ''}`;
      }
      if (tag) {
        const judge = attrs['check-gateway'] === 'none' ? 'judged by its quality watch' : 'checked by ping';
        return `${title}: add, through probe host ${attrs.gateway} ${judge}, distance ${attrs.distance}`;
      }
      return `Default route via ${attrs.gateway}: add, distance ${attrs.distance} (“${attrs.comment}”)`;
    }
    const selected = selectRoutes(routes, command.select);
    const [route] = selected;
    const title = route
      ? routeTitle(route.comment, nextHop(route).gateway)
      : 'where' in command.select
        ? routeTitle(command.select.where.comment ?? '', command.select.where.gateway)
        : command.select.id;
    if (command.op === 'remove') return route ? `${title}: remove` : `${title}: remove (already gone)`;
    if (command.op === 'unset') return `${title}: ${command.names.join(', ')} back to default`;
    const changes = Object.entries(command.attrs).map(([name, value]) =>
      describeChange(name, route && routeAttr(route, name), value),
    );
    return `${title}: ${changes.join(', ')}`;
  };

  return plan.forward.map((command) => ({
    op: command.op,
    text: line(command),
    command: toCli(command),
  }));
}
