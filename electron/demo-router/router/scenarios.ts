// The sites the demo router can be. Every address here lives only inside the simulation: the WANs
// use private ranges and, for IPv6, the documentation prefix 2001:db8::/32; no packet ever leaves
// the process.
import type { DhcpClientDefinition } from './net/dhcp-client';
import type { InterfaceDefinition } from './net/interfaces';
import type { LinkDefinition, LinkState } from './net/links';
import { readIp } from './values';

export type ScenarioName = 'two-wan' | 'basic';

export interface Scenario {
  interfaces: InterfaceDefinition[];
  links: LinkDefinition[];
  addresses: { address: string; interface: string; comment?: string }[];
  dhcpClients: DhcpClientDefinition[];
  routes: { gateway: string; distance: number; comment: string }[];
  /** `/ipv6/address`: dual-stack WANs and LAN. */
  ipv6Addresses: { address: string; interface: string; comment?: string }[];
  /** `::/0` routes, one per dual-stack WAN. */
  ipv6Routes: { gateway: string; distance: number; comment: string }[];
  /** What `routes: N` routes go through, in turn. */
  generatedGateways: string[];
  /** The LAN side: it mirrors what the WAN in use carries. */
  lan: string[];
}

const ip = (text: string) => readIp(text)!;

const link = (name: string, gateway: string, state: Partial<LinkState>): LinkDefinition => ({
  interface: name,
  gateway: ip(gateway),
  state: { up: true, internet: true, latencyMs: 20, jitterMs: 2, lossPct: 0, bandwidthMbps: 100, ...state },
});

const lanPorts = (first: number): InterfaceDefinition[] => [
  ...[first, first + 1].map((n) => ({
    name: `ether${n}`,
    type: 'ether' as const,
    slave: true,
    plugged: n === first,
  })),
  { name: 'bridge', type: 'bridge', comment: 'defconf' },
];

const LAN_ADDRESS = { address: '192.168.88.1/24', interface: 'bridge', comment: 'defconf' };
const LAN_IPV6_ADDRESS = { address: '2001:db8:88::1/64', interface: 'bridge', comment: 'defconf' };

/**
 * A typical failover site: two ISPs on ether1 and ether2 with plain default routes at distances 1
 * and 2, an LTE modem on ether3 that hands out an address by DHCP (its default route at distance
 * 3), and the LAN on a bridge over ether4 and ether5.
 */
function twoWan(): Scenario {
  return {
    interfaces: [
      { name: 'ether1', type: 'ether', comment: 'ISP1' },
      { name: 'ether2', type: 'ether', comment: 'ISP2' },
      { name: 'ether3', type: 'ether', comment: 'LTE' },
      ...lanPorts(4),
    ],
    links: [
      link('ether1', '10.0.1.1', { latencyMs: 20, jitterMs: 2, bandwidthMbps: 100 }),
      link('ether2', '10.0.2.1', { latencyMs: 80, jitterMs: 6, bandwidthMbps: 50 }),
      link('ether3', '192.168.8.1', { latencyMs: 45, jitterMs: 12, bandwidthMbps: 30 }),
    ],
    addresses: [
      { address: '10.0.1.2/24', interface: 'ether1', comment: 'ISP1' },
      { address: '10.0.2.2/24', interface: 'ether2', comment: 'ISP2' },
      LAN_ADDRESS,
    ],
    dhcpClients: [
      {
        interface: 'ether3',
        comment: 'LTE',
        defaultRouteDistance: 3,
        lease: {
          address: '192.168.8.100/24',
          gateway: ip('192.168.8.1'),
          server: ip('192.168.8.1'),
          dns: ip('192.168.8.1'),
        },
      },
    ],
    routes: [
      { gateway: '10.0.1.1', distance: 1, comment: 'ISP1' },
      { gateway: '10.0.2.1', distance: 2, comment: 'ISP2' },
    ],
    // ISP1 routes by its link-local router address, ISP2 by a global one on the WAN's network.
    ipv6Addresses: [
      { address: '2001:db8:1::2/64', interface: 'ether1', comment: 'ISP1' },
      { address: '2001:db8:2::2/64', interface: 'ether2', comment: 'ISP2' },
      LAN_IPV6_ADDRESS,
    ],
    ipv6Routes: [
      { gateway: 'fe80::1%ether1', distance: 1, comment: 'ISP1' },
      { gateway: '2001:db8:2::1', distance: 2, comment: 'ISP2' },
    ],
    generatedGateways: ['10.0.1.1', '10.0.2.1'],
    lan: ['bridge', 'ether4'],
  };
}

/** A fresh RouterOS default configuration: ether1 is the WAN, by DHCP; the rest are the LAN. */
function basic(): Scenario {
  return {
    interfaces: [
      { name: 'ether1', type: 'ether', comment: 'defconf' },
      { name: 'ether2', type: 'ether', slave: true, plugged: true },
      { name: 'ether3', type: 'ether', slave: true, plugged: false },
      ...lanPorts(4),
    ],
    links: [link('ether1', '10.0.1.1', {})],
    addresses: [LAN_ADDRESS],
    dhcpClients: [
      {
        interface: 'ether1',
        comment: 'defconf',
        lease: {
          address: '10.0.1.2/24',
          gateway: ip('10.0.1.1'),
          server: ip('10.0.1.1'),
          dns: ip('10.0.1.1'),
        },
      },
    ],
    routes: [],
    ipv6Addresses: [
      { address: '2001:db8:1::2/64', interface: 'ether1', comment: 'defconf' },
      LAN_IPV6_ADDRESS,
    ],
    ipv6Routes: [{ gateway: 'fe80::1%ether1', distance: 1, comment: 'defconf' }],
    generatedGateways: ['10.0.1.1'],
    lan: ['bridge', 'ether2', 'ether4'],
  };
}

export function scenario(name: ScenarioName): Scenario {
  switch (name) {
    case 'two-wan':
      return twoWan();
    case 'basic':
      return basic();
  }
}
