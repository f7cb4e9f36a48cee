// How the console lays out each menu's print: the flag letters and their groups, the table's
// columns, and the order of properties in `detail` and `terse`, as RouterOS 7 prints them.
import type { Attrs } from '../../command';

export interface FlagSpec {
  readonly key: string;
  readonly letter: string;
  readonly label: string;
}

export interface Column {
  readonly key: string;
  readonly header: string;
  /** Numbers line up on the right. */
  readonly right?: boolean;
}

export interface PrintView {
  /** Each group is one position in the flags column (`D`, then `X`/`I`/`A`, then `c`/`s`/...). */
  readonly flags: readonly (readonly FlagSpec[])[];
  readonly columns: readonly Column[];
  /** `detail` and `terse` properties, in order; others are left out. */
  readonly detail: readonly string[];
  /** Items that get a number to refer to them by (RouterOS 7 leaves dynamic routes unnumbered). */
  numbered(row: Attrs): boolean;
  /** How the console shows a value the API sends raw (`1073741824` → `1024.0MiB`). */
  readonly formats?: Readonly<Record<string, (value: string) => string>>;
}

const flag = (key: string, letter: string): FlagSpec => ({ key, letter, label: key.toUpperCase() });
const always = () => true;
const yesNo = (value: string) => (value === 'true' ? 'yes' : value === 'false' ? 'no' : value);
const mib = (value: string) => `${(Number(value) / 1024 / 1024).toFixed(1)}MiB`;

const ROUTE: PrintView = {
  flags: [
    [flag('dynamic', 'D')],
    [flag('disabled', 'X'), flag('inactive', 'I'), flag('active', 'A')],
    [
      flag('connect', 'c'),
      flag('static', 's'),
      flag('rip', 'r'),
      flag('bgp', 'b'),
      flag('ospf', 'o'),
      flag('is-is', 'i'),
      flag('dhcp', 'd'),
      flag('vpn', 'v'),
      flag('modem', 'm'),
      flag('bgp-mpls-vpn', 'y'),
    ],
    [flag('hw-offloaded', 'H')],
    [flag('ecmp', '+'), flag('blackhole', 'B')],
  ],
  columns: [
    { key: 'dst-address', header: 'DST-ADDRESS' },
    { key: 'gateway', header: 'GATEWAY' },
    { key: 'routing-table', header: 'ROUTING-TABLE' },
    { key: 'distance', header: 'DISTANCE', right: true },
  ],
  detail: [
    'dst-address',
    'routing-table',
    'pref-src',
    'gateway',
    'immediate-gw',
    'check-gateway',
    'distance',
    'scope',
    'target-scope',
    'vrf-interface',
    'local-address',
    'suppress-hw-offload',
  ],
  numbered: (row) => row.dynamic !== 'true',
  formats: { 'suppress-hw-offload': (value) => (value === 'true' ? 'yes' : 'no') },
};

const VIEWS: Readonly<Record<string, PrintView>> = {
  '/ip/route': ROUTE,
  // RouterOS 7 prints both families' routes alike; IPv6 ones just never have a pref-src.
  '/ipv6/route': ROUTE,
  '/ipv6/address': {
    flags: [
      [flag('disabled', 'X'), flag('invalid', 'I')],
      [flag('dynamic', 'D')],
      [flag('global', 'G'), flag('link-local', 'L')],
    ],
    columns: [
      { key: 'address', header: 'ADDRESS' },
      { key: 'from-pool', header: 'FROM-POOL' },
      { key: 'interface', header: 'INTERFACE' },
      { key: 'advertise', header: 'ADVERTISE' },
    ],
    detail: ['address', 'from-pool', 'interface', 'actual-interface', 'eui-64', 'advertise', 'no-dad'],
    numbered: always,
    formats: { 'eui-64': yesNo, advertise: yesNo, 'no-dad': yesNo },
  },
  '/ip/address': {
    flags: [[flag('disabled', 'X'), flag('invalid', 'I')], [flag('dynamic', 'D')]],
    columns: [
      { key: 'address', header: 'ADDRESS' },
      { key: 'network', header: 'NETWORK' },
      { key: 'interface', header: 'INTERFACE' },
    ],
    detail: ['address', 'network', 'interface', 'actual-interface'],
    numbered: always,
  },
  '/interface': {
    flags: [[flag('dynamic', 'D')], [flag('disabled', 'X')], [flag('running', 'R')], [flag('slave', 'S')]],
    columns: [
      { key: 'name', header: 'NAME' },
      { key: 'type', header: 'TYPE' },
      { key: 'actual-mtu', header: 'ACTUAL-MTU', right: true },
      { key: 'l2mtu', header: 'L2MTU', right: true },
      { key: 'max-l2mtu', header: 'MAX-L2MTU', right: true },
      { key: 'mac-address', header: 'MAC-ADDRESS' },
    ],
    detail: [
      'name',
      'default-name',
      'type',
      'mtu',
      'actual-mtu',
      'l2mtu',
      'max-l2mtu',
      'mac-address',
      'last-link-down-time',
      'last-link-up-time',
      'link-downs',
    ],
    numbered: always,
  },
  '/ip/dhcp-client': {
    flags: [[flag('disabled', 'X'), flag('invalid', 'I')], [flag('dynamic', 'D')]],
    columns: [
      { key: 'interface', header: 'INTERFACE' },
      { key: 'use-peer-dns', header: 'USE-PEER-DNS' },
      { key: 'add-default-route', header: 'ADD-DEFAULT-ROUTE' },
      { key: 'status', header: 'STATUS' },
      { key: 'address', header: 'ADDRESS' },
    ],
    detail: [
      'interface',
      'add-default-route',
      'default-route-distance',
      'use-peer-dns',
      'use-peer-ntp',
      'dhcp-options',
      'status',
      'address',
      'gateway',
      'dhcp-server',
      'primary-dns',
      'expires-after',
    ],
    numbered: always,
  },
  '/system/scheduler': {
    flags: [[flag('disabled', 'X')]],
    columns: [
      { key: 'name', header: 'NAME' },
      { key: 'start-date', header: 'START-DATE' },
      { key: 'start-time', header: 'START-TIME' },
      { key: 'interval', header: 'INTERVAL' },
      { key: 'on-event', header: 'ON-EVENT' },
      { key: 'run-count', header: 'RUN-COUNT', right: true },
    ],
    detail: [
      'name',
      'start-date',
      'start-time',
      'interval',
      'on-event',
      'owner',
      'policy',
      'run-count',
      'next-run',
    ],
    numbered: always,
  },
  '/system/script': {
    flags: [[flag('invalid', 'I')]],
    columns: [
      { key: 'name', header: 'NAME' },
      { key: 'owner', header: 'OWNER' },
      { key: 'last-started', header: 'LAST-STARTED' },
      { key: 'run-count', header: 'RUN-COUNT', right: true },
    ],
    detail: ['name', 'owner', 'policy', 'dont-require-permissions', 'last-started', 'run-count', 'source'],
    numbered: always,
  },
  '/log': {
    flags: [],
    columns: [
      { key: 'time', header: 'TIME' },
      { key: 'topics', header: 'TOPICS' },
      { key: 'message', header: 'MESSAGE' },
    ],
    detail: ['time', 'topics', 'message'],
    numbered: () => false,
  },
  '/user/active': {
    flags: [[flag('radius', 'R')], [flag('by-romon', 'M')]],
    columns: [
      { key: 'when', header: 'WHEN' },
      { key: 'name', header: 'NAME' },
      { key: 'address', header: 'ADDRESS' },
      { key: 'via', header: 'VIA' },
    ],
    detail: ['when', 'name', 'address', 'via', 'group'],
    numbered: always,
  },
  '/ip/ssh': {
    flags: [],
    columns: [],
    detail: [],
    numbered: () => false,
    formats: {
      'always-allow-password-login': yesNo,
      'strong-crypto': yesNo,
      'allow-none-crypto': yesNo,
    },
  },
  '/system/resource': {
    flags: [],
    columns: [],
    detail: [],
    numbered: () => false,
    formats: {
      'free-memory': mib,
      'total-memory': mib,
      'free-hdd-space': mib,
      'total-hdd-space': mib,
      'cpu-frequency': (value) => `${value}MHz`,
      'cpu-load': (value) => `${value}%`,
    },
  },
};

/** A menu without a layout of its own shows every property, in the order the API sends them. */
function plainView(sample: Attrs | undefined): PrintView {
  const keys = Object.keys(sample ?? {}).filter((key) => key !== '.id' && key !== 'comment');
  return {
    flags: [],
    columns: keys.map((key) => ({ key, header: key.toUpperCase() })),
    detail: keys,
    numbered: (row) => '.id' in row,
  };
}

export function viewOf(menu: string, sample: Attrs | undefined): PrintView {
  return VIEWS[menu] ?? plainView(sample);
}
