// `/user/active`: who is logged in now, one item per login (an API connection, an SSH connection),
// with the address the router sees it coming from. The doors report each login and its end. On
// loopback every login comes from 127.0.0.1, so a test or a scenario says where logins are seen
// from instead (`loginsFrom`): a relay's address, a VPN peer behind a route of its own. A
// connection the router opened itself (an SSH `direct-tcpip` to its own API port) is seen from the
// address it was made to, as RouterOS sees it: the router's own.
import ipaddr from 'ipaddr.js';
import type { Attrs } from '../../command';
import { formatId, IdSequence } from '../ids';
import { printCommand } from '../item-commands';
import type { MenuSpec } from '../registry';
import { formatDateTime, invalidValue } from '../values';

/** RouterOS 7's `via` values for the doors the demo router has. */
export type LoginVia = 'api' | 'ssh';

export interface LoginOrigin {
  via: LoginVia;
  /** The connection's peer as the socket gives it (`127.0.0.1`, `::ffff:127.0.0.1`). */
  address: string;
  /** The router opened this connection itself (a forwarded SSH channel to one of its services). */
  fromRouter?: boolean;
}

interface ActiveLogin {
  readonly id: number;
  readonly when: number;
  readonly name: string;
  readonly address: string;
  readonly via: LoginVia;
}

/** An address as RouterOS prints it: IPv4-mapped IPv6 as IPv4, IPv6 compressed. */
function canonical(address: string): string {
  return ipaddr.isValid(address) ? ipaddr.process(address).toString() : address;
}

export class ActiveUsers {
  private readonly logins = new Map<number, ActiveLogin>();
  private readonly ids = new IdSequence(1);
  private seenFrom: string | undefined;

  constructor(private readonly now: () => number) {}

  /**
   * Where logins from outside the router are seen from from now on (undefined: as they come).
   * Logins already listed keep their address, as a relay changed under a live session would.
   */
  set loginsFrom(address: string | undefined) {
    if (address !== undefined && !ipaddr.isValid(address)) throw invalidValue('address');
    this.seenFrom = address === undefined ? undefined : canonical(address);
  }

  get loginsFrom(): string | undefined {
    return this.seenFrom;
  }

  /** Lists a login until the returned function is called (its connection has ended). */
  add(name: string, origin: LoginOrigin): () => void {
    const id = this.ids.take();
    const address = origin.fromRouter
      ? canonical(origin.address)
      : (this.seenFrom ?? canonical(origin.address));
    this.logins.set(id, { id, when: this.now(), name, address, via: origin.via });
    return () => this.logins.delete(id);
  }

  rows(): Attrs[] {
    return [...this.logins.values()].map((login) => ({
      '.id': formatId(login.id),
      when: formatDateTime(new Date(login.when)),
      name: login.name,
      address: login.address,
      via: login.via,
      // One group here: the login every scenario has is a full one.
      group: 'full',
      radius: 'false',
    }));
  }
}

export function activeUsersMenu(users: ActiveUsers): MenuSpec {
  return { path: '/user/active', commands: { print: printCommand(() => users.rows()) } };
}
