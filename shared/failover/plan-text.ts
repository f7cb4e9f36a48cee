import { type ApplyPlan, selectRoutes } from '../apply/plan';
import { type RouterCommand, toCli } from '../routeros/command';
import type { Route } from '../routes/route';
import { dhcpMenu } from './plan';
import { routeAttr, routeMenu } from './recipe';

/** One step of a plan: in words for the technician, and the exact RouterOS command that runs. */
export interface PlanStep {
  op: RouterCommand['op'];
  text: string;
  command: string;
}

function describeRoute(attrs: (name: string) => string | undefined): string {
  const distance = attrs('distance');
  const comment = attrs('comment');
  return [
    `${attrs('dst-address')} via ${attrs('gateway')}`,
    distance && distance !== '0' ? `, distance ${distance}` : '',
    comment ? ` (${comment})` : '',
  ].join('');
}

const listAttrs = (attrs: Record<string, string>) =>
  Object.entries(attrs)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');

function describeCommand(command: RouterCommand, routes: Route[]): string {
  if (command.menu === dhcpMenu && command.op === 'set' && 'where' in command.select) {
    return `Set the DHCP client on ${command.select.where.interface}: ${listAttrs(command.attrs)}`;
  }
  if (command.menu !== routeMenu) return toCli(command);
  if (command.op === 'add') return `Add ${describeRoute((name) => command.attrs[name])}`;
  const named = selectRoutes(routes, command.select)
    .map((route) => describeRoute((name) => routeAttr(route, name)))
    .join('; ');
  if (command.op === 'remove') return `Remove ${named || 'nothing (already gone)'}`;
  return `Set ${named}: ${listAttrs(command.attrs)}`;
}

/** The plan's forward steps, described from the routes they touch now. */
export function planSteps(plan: ApplyPlan, routes: Route[]): PlanStep[] {
  return plan.forward.map((command) => ({
    op: command.op,
    text: describeCommand(command, routes),
    command: toCli(command),
  }));
}
