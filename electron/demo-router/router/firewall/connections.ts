// `/ip/firewall/connection`: the connection tracking table, as print and remove see it. LAN clients
// keep a steady number of connections open; a new one leaves by the WAN that carries traffic at the
// moment it opens and is source-NATed to that WAN's address, and stays pinned to it until it is
// removed: which is why a failover script clears them (help.mikrotik.com, Connection tracking).
import type { Attrs } from '../../command';
import type { Clock } from '../clock';
import { formatId, IdSequence } from '../ids';
import { printCommand } from '../item-commands';
import { allowOnly, type MenuSpec, selectItems } from '../registry';
import { formatIp } from '../values';

/** How many connections the LAN keeps open. */
const OPEN_CONNECTIONS = 12;
const LAN_CLIENT = (n: number) => `192.168.88.${10 + (n % 5)}`;
const SERVERS = ['93.184.216.34', '151.101.1.69', '140.82.121.4', '17.253.144.10'];
const TCP_ESTABLISHED_TIMEOUT_MS = 86_400_000;

interface Connection {
  readonly id: number;
  readonly src: string;
  readonly dst: string;
  /** The WAN address it was source-NATed to; undefined when nothing carried traffic. */
  readonly natTo: string;
  readonly wan: string;
  readonly openedAt: number;
}

export interface ConnectionHost {
  clock: Clock;
  /** The WAN carrying the LAN's traffic now, and the router's address on it. */
  carrier(): { interface: string; address: number } | undefined;
}

export class Connections {
  private readonly items: Connection[] = [];
  private readonly ids = new IdSequence(1);
  private opened = 0;

  constructor(private readonly host: ConnectionHost) {}

  /** The table as it stands now: clients have reopened what was cleared, by today's carrier. */
  list(): readonly Connection[] {
    const carrier = this.host.carrier();
    while (carrier && this.items.length < OPEN_CONNECTIONS) {
      const n = this.opened;
      this.opened += 1;
      this.items.push({
        id: this.ids.take(),
        src: `${LAN_CLIENT(n)}:${40000 + (n % 20000)}`,
        dst: `${SERVERS[n % SERVERS.length]}:443`,
        natTo: `${formatIp(carrier.address)}:${40000 + (n % 20000)}`,
        wan: carrier.interface,
        openedAt: this.host.clock.now(),
      });
    }
    return this.items;
  }

  find(ref: string): Connection | undefined {
    return this.items.find((item) => formatId(item.id) === ref);
  }

  remove(connection: Connection): void {
    const at = this.items.indexOf(connection);
    if (at >= 0) this.items.splice(at, 1);
  }

  /** The WAN interface each open connection is pinned to: what a test asks after a failover. */
  wans(): string[] {
    return this.list().map((item) => item.wan);
  }

  row(item: Connection): Attrs {
    const age = this.host.clock.now() - item.openedAt;
    return {
      '.id': formatId(item.id),
      protocol: 'tcp',
      'src-address': item.src,
      'dst-address': item.dst,
      'reply-src-address': item.dst,
      'reply-dst-address': item.natTo,
      'tcp-state': 'established',
      timeout: formatTimeout(Math.max(0, TCP_ESTABLISHED_TIMEOUT_MS - age)),
      'connection-type': '',
      expected: 'false',
      'seen-reply': 'true',
      assured: 'true',
      confirmed: 'true',
      dying: 'false',
      fasttrack: 'false',
      srcnat: 'true',
      dstnat: 'false',
    };
  }
}

/** `23h59m58s`: the table counts down whole seconds. */
function formatTimeout(ms: number): string {
  const total = Math.floor(ms / 1000);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || total === 0 ? `${s}s` : ''}`;
}

export function connectionMenu(connections: Connections): MenuSpec {
  return {
    path: '/ip/firewall/connection',
    commands: {
      print: printCommand(() => connections.list().map((item) => connections.row(item))),
      remove: {
        unnamed: ['numbers'],
        run: ({ attrs }) => {
          allowOnly(attrs, ['.id', 'numbers']);
          for (const item of selectItems(attrs, (ref) => connections.find(ref))) connections.remove(item);
          return { type: 'done' };
        },
      },
    },
  };
}
