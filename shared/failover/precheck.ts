import ipaddr from 'ipaddr.js';
import { UplinkError } from '../ipc/errors';
import { hasFlag, isDefaultRoute, type Route } from '../routes/route';
import { nextHop } from './active-link';
import { parseUplinkComment, type WanConfig } from './wan';

/** A row of /interface, as the gateway interface picker lists it. */
export interface RouterInterface {
  name: string;
  type: string;
  running: boolean;
  disabled: boolean;
  /** Its enabled IP addresses, e.g. `10.0.2.2/24`. */
  addresses: string[];
}

/**
 * The router's interfaces, each with its enabled, valid IP addresses, from `/interface` and
 * `/ip/address` rows (read live, or kept in a snapshot): what the gateway pre-checks need.
 */
export function routerInterfaces(
  interfaces: Record<string, string>[],
  addresses: Record<string, string>[],
): RouterInterface[] {
  const isTrue = (row: Record<string, string>, name: string) => row[name] === 'true';
  return interfaces.map((row) => ({
    name: row.name ?? '',
    type: row.type ?? '',
    running: isTrue(row, 'running'),
    disabled: isTrue(row, 'disabled'),
    addresses: addresses
      .filter(
        (address) =>
          address.interface === row.name && !isTrue(address, 'disabled') && !isTrue(address, 'invalid'),
      )
      .map((address) => address.address ?? ''),
  }));
}

/** A failed pre-check: a plain sentence with the fix, pinned to the dialog field it concerns. */
export interface WanProblem {
  field: 'gateway' | 'interface' | 'probe';
  message: string;
}

const inSubnet = (address: string, cidr: string) => {
  try {
    const [network, bits] = ipaddr.parseCIDR(cidr);
    const ip = ipaddr.parse(address);
    return ip.kind() === network.kind() && ip.match(network, bits);
  } catch {
    return false;
  }
};

/** A default route that leaves through this gateway: a plain one, or this WAN's own from Uplink. */
function routesThrough(routes: Route[], wan: WanConfig): boolean {
  return routes.some((route) => {
    if (!isDefaultRoute(route) || hasFlag(route, 'disabled')) return false;
    if (parseUplinkComment(route.comment)?.wan === wan.wan) return true;
    return nextHop(route).gateway === wan.gateway;
  });
}

function checkInterface(wan: WanConfig, interfaces: RouterInterface[]): WanProblem[] {
  const named = interfaces.find((candidate) => candidate.name === wan.interface);
  if (!named) {
    const near = interfaces.find((candidate) => candidate.name.toLowerCase() === wan.interface.toLowerCase());
    return [
      {
        field: 'interface',
        message: near
          ? `There is no interface named “${wan.interface}” on this router: names must match exactly. Did you mean “${near.name}”?`
          : `There is no interface named “${wan.interface}” on this router. Pick one from the list: a typed name must match an interface exactly.`,
      },
    ];
  }
  if (named.addresses.length === 0) {
    return [
      {
        field: 'interface',
        message: `${named.name} has no IP address. Add the address your ISP gave you to ${named.name} (IP → Addresses), then try again.`,
      },
    ];
  }
  const own = named.addresses.find((cidr) => cidr.split('/')[0] === wan.gateway);
  if (own) {
    return [
      {
        field: 'gateway',
        message: `${wan.gateway} is this router’s own address on ${named.name}. Enter the ISP’s side of the link, the address the router sends its traffic to.`,
      },
    ];
  }
  if (named.addresses.some((cidr) => inSubnet(wan.gateway, cidr))) return [];
  const elsewhere = interfaces.find((candidate) =>
    candidate.addresses.some((cidr) => inSubnet(wan.gateway, cidr)),
  );
  return [
    {
      field: 'gateway',
      message: elsewhere
        ? `${wan.gateway} is on ${elsewhere.name}’s network, not ${named.name}’s (${named.addresses.join(', ')}). Pick ${elsewhere.name} as the gateway interface, or check the gateway address.`
        : `${wan.gateway} is not on ${named.name}’s network (${named.addresses.join(', ')}), so the router cannot reach it. Check the gateway address your ISP gave you.`,
    },
  ];
}

/**
 * What the guide asks of a WAN before it is saved, checked against the router: the gateway
 * interface exists (by its exact name) and has an IP address, the gateway is on that address's
 * network, and a default route already leaves through the gateway; and against the other WANs:
 * each has its own probe host and its own gateway.
 */
export function precheckWan(
  wan: WanConfig,
  facts: { interfaces: RouterInterface[]; routes: Route[] },
  otherWans: WanConfig[],
): WanProblem[] {
  const problems = checkInterface(wan, facts.interfaces);
  if (problems.length === 0 && !routesThrough(facts.routes, wan)) {
    problems.push({
      field: 'gateway',
      message: `There is no default route through ${wan.gateway}. Add one in IP → Routes (Dst. Address 0.0.0.0/0, Gateway ${wan.gateway}) and make sure it reaches the internet, then try again.`,
    });
  }
  const others = otherWans.filter((other) => other.wan !== wan.wan);
  const sameGateway = others.find((other) => other.gateway === wan.gateway);
  if (sameGateway) {
    problems.push({
      field: 'gateway',
      message: `WAN ${sameGateway.wan} already uses ${wan.gateway}. Each WAN is a different link, with its own gateway.`,
    });
  }
  const sameProbe = others.find((other) => other.probe === wan.probe);
  if (sameProbe) {
    problems.push({
      field: 'probe',
      message: `${wan.probe} is already WAN ${sameProbe.wan}’s probe host. Give each WAN its own, or one link’s checks would leave through the other.`,
    });
  } else if (ipaddr.parse(wan.probe).range() !== 'unicast') {
    problems.push({
      field: 'probe',
      message: `${wan.probe} is not a public address, so it says nothing about the internet. Pick a public host that answers ping, such as 9.9.9.9.`,
    });
  }
  return problems;
}

/** Failed pre-checks as one refusal, each sentence on its field (the first one also said whole). */
export function wanRefusal(wan: number, problems: WanProblem[]): UplinkError | undefined {
  const [first] = problems;
  if (!first) return undefined;
  return new UplinkError({
    code: 'invalid',
    message: `WAN ${wan} was not saved. ${first.message}`,
    fields: Object.fromEntries([...problems].reverse().map((problem) => [problem.field, problem.message])),
  });
}

/** The first probe host from the defaults that no other WAN uses. */
export function freeProbe(defaults: readonly string[], taken: string[], preferred: number): string {
  const first = defaults[preferred - 1];
  if (first && !taken.includes(first)) return first;
  return defaults.find((probe) => !taken.includes(probe)) ?? first ?? defaults[0] ?? '';
}
