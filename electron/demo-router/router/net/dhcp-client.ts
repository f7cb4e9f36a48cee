// `/ip/dhcp-client`: a WAN that gets its address from the ISP. A bound client holds a dynamic
// address and, with `add-default-route`, a dynamic default route whose distance is the client's
// `default-route-distance`: the route itself cannot be changed, only the client.

import { formatDuration } from '../../../../shared/routeros/duration';
import type { Attrs } from '../../command';
import { formatId } from '../ids';
import { printCommand } from '../item-commands';
import { allowOnly, type CommandSpec, type MenuSpec, selectItems } from '../registry';
import type { RouteTable } from '../routing/table';
import { formatIp, noMatch, parseBoolean, parseInteger } from '../values';
import type { Address, Addresses } from './addresses';

export interface DhcpLease {
  /** `192.168.8.100/24` */
  address: string;
  gateway: number;
  server: number;
  dns: number;
}

export interface DhcpClientDefinition {
  interface: string;
  lease: DhcpLease;
  defaultRouteDistance?: number;
  comment?: string;
}

interface DhcpClient {
  readonly id: number;
  readonly interface: string;
  readonly lease: DhcpLease;
  addDefaultRoute: string;
  defaultRouteDistance: number;
  usePeerDns: boolean;
  usePeerNtp: boolean;
  disabled: boolean;
  comment: string;
  boundAt: number | undefined;
  address: Address | undefined;
}

/** A day's lease, renewed at half-time, as a typical ISP hands it out. */
const LEASE_MS = 86_400_000;
const ADD_DEFAULT_ROUTE_VALUES = ['yes', 'no', 'special-classless'];

export class DhcpClients {
  private readonly clients: DhcpClient[] = [];

  constructor(
    private readonly addresses: Addresses,
    private readonly table: RouteTable,
    private readonly now: () => number,
  ) {}

  add(definition: DhcpClientDefinition): void {
    const client: DhcpClient = {
      id: this.clients.length + 1,
      interface: definition.interface,
      lease: definition.lease,
      addDefaultRoute: 'yes',
      defaultRouteDistance: definition.defaultRouteDistance ?? 1,
      usePeerDns: true,
      usePeerNtp: true,
      disabled: false,
      comment: definition.comment ?? '',
      boundAt: undefined,
      address: undefined,
    };
    this.clients.push(client);
    this.apply(client);
  }

  find(ref: string): DhcpClient | undefined {
    return this.clients.find((client) => formatId(client.id) === ref || client.interface === ref);
  }

  list(): readonly DhcpClient[] {
    return this.clients;
  }

  update(client: DhcpClient, patch: Partial<DhcpClient>): void {
    Object.assign(client, patch);
    this.apply(client);
  }

  /** Binds or releases the lease, and puts the default route where the settings say. */
  private apply(client: DhcpClient): void {
    if (client.disabled) {
      if (client.address) this.addresses.remove(client.address);
      client.address = undefined;
      client.boundAt = undefined;
      this.table.syncDhcp(client.id, undefined);
      return;
    }
    if (!client.address) {
      client.address = this.addresses.add(client.lease.address, client.interface, { dynamic: true });
      client.boundAt = this.now();
    }
    this.table.syncDhcp(
      client.id,
      client.addDefaultRoute === 'no'
        ? undefined
        : {
            gateway: client.lease.gateway,
            interface: client.interface,
            distance: client.defaultRouteDistance,
          },
    );
  }

  row(client: DhcpClient): Attrs {
    const row: Attrs = { '.id': formatId(client.id) };
    if (client.comment) row.comment = client.comment;
    row.interface = client.interface;
    row['add-default-route'] = client.addDefaultRoute;
    row['default-route-distance'] = String(client.defaultRouteDistance);
    row['use-peer-dns'] = client.usePeerDns ? 'yes' : 'no';
    row['use-peer-ntp'] = client.usePeerNtp ? 'yes' : 'no';
    row['dhcp-options'] = 'hostname,clientid';
    row.status = client.boundAt === undefined ? 'stopped' : 'bound';
    if (client.boundAt !== undefined) {
      row.address = client.lease.address;
      row.gateway = formatIp(client.lease.gateway);
      row['dhcp-server'] = formatIp(client.lease.server);
      row['primary-dns'] = formatIp(client.lease.dns);
      row['expires-after'] = formatDuration(LEASE_MS - ((this.now() - client.boundAt) % (LEASE_MS / 2)));
    }
    row.invalid = 'false';
    row.dynamic = 'false';
    row.disabled = client.disabled ? 'true' : 'false';
    return row;
  }
}

export function dhcpClientMenu(clients: DhcpClients): MenuSpec {
  const select = (attrs: Attrs) => selectItems(attrs, (ref) => clients.find(ref));
  const toggle = (disabled: boolean): CommandSpec => ({
    unnamed: ['numbers'],
    run: ({ attrs }) => {
      allowOnly(attrs, ['.id', 'numbers']);
      for (const client of select(attrs)) clients.update(client, { disabled });
      return { type: 'done' };
    },
  });
  return {
    path: '/ip/dhcp-client',
    commands: {
      print: printCommand(() => clients.list().map((client) => clients.row(client))),
      set: {
        unnamed: ['numbers'],
        run: ({ attrs }) => {
          allowOnly(attrs, [
            '.id',
            'numbers',
            'add-default-route',
            'default-route-distance',
            'use-peer-dns',
            'use-peer-ntp',
            'comment',
            'disabled',
          ]);
          const patch: Partial<DhcpClient> = {};
          const addDefault = attrs['add-default-route'];
          if (addDefault !== undefined) {
            if (!ADD_DEFAULT_ROUTE_VALUES.includes(addDefault)) throw noMatch('add-default-route');
            patch.addDefaultRoute = addDefault;
          }
          const distance = attrs['default-route-distance'];
          if (distance !== undefined) {
            patch.defaultRouteDistance = parseInteger(distance, 'default-route-distance', 0, 255);
          }
          if (attrs['use-peer-dns'] !== undefined)
            patch.usePeerDns = parseBoolean(attrs['use-peer-dns'], 'use-peer-dns');
          if (attrs['use-peer-ntp'] !== undefined)
            patch.usePeerNtp = parseBoolean(attrs['use-peer-ntp'], 'use-peer-ntp');
          if (attrs.comment !== undefined) patch.comment = attrs.comment;
          if (attrs.disabled !== undefined) patch.disabled = parseBoolean(attrs.disabled, 'disabled');
          for (const client of select(attrs)) clients.update(client, patch);
          return { type: 'done' };
        },
      },
      enable: toggle(false),
      disable: toggle(true),
    },
  };
}
