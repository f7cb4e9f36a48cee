// `/ip/address` and `/ipv6/address`: the router's own addresses. Each enabled one puts a connected
// route in its family's table; a DHCP client's lease adds a dynamic one that the menu refuses to
// change.
import { type Attrs, RouterTrap } from '../../command';
import { type AddressFamily, IPV4, LINK_LOCAL } from '../address-family';
import { formatId, IdSequence } from '../ids';
import { printCommand } from '../item-commands';
import { Listeners } from '../listeners';
import { allowOnly, type MenuSpec, selectItems } from '../registry';
import { formatBoolean, noMatch, type Prefix, parseBoolean } from '../values';
import type { Interfaces } from './interfaces';

export interface Address<A = number> {
  readonly id: number;
  /** The router's own address. */
  address: A;
  length: number;
  interface: string;
  disabled: boolean;
  readonly dynamic: boolean;
  comment: string;
}

export function missingValue(name: string): RouterTrap {
  return new RouterTrap(`missing value(s) of argument(s) ${name}`, 1);
}

export class Addresses<A = number> {
  private readonly items = new Map<number, Address<A>>();
  private readonly ids = new IdSequence(1);
  private readonly changes = new Listeners<void>();

  constructor(
    private readonly interfaces: Interfaces,
    readonly family: AddressFamily<A>,
  ) {}

  list(): Address<A>[] {
    return [...this.items.values()];
  }

  find(ref: string): Address<A> | undefined {
    return [...this.items.values()].find((item) => formatId(item.id) === ref);
  }

  /** Adds an address from `10.0.1.2/24` and an interface name, trapping as the menu's `add` does. */
  add(
    text: string,
    interfaceName: string,
    options: { dynamic?: boolean; comment?: string } = {},
  ): Address<A> {
    const prefix = this.family.readPrefix(text);
    const host = this.family.read(text.split('/')[0] ?? '');
    if (!prefix || host === undefined) throw new RouterTrap('invalid value for argument address', 1);
    if (!this.interfaces.exists(interfaceName)) throw noMatch('interface');
    // A bare IPv6 address is a /64 on RouterOS, a bare IPv4 one a /32.
    const length = text.includes('/') ? prefix.length : this.family === IPV4 ? 32 : 64;
    const address: Address<A> = {
      id: this.ids.take(),
      // readPrefix cleared the host bits; the address keeps them.
      address: host,
      length,
      interface: interfaceName,
      disabled: false,
      dynamic: options.dynamic ?? false,
      comment: options.comment ?? '',
    };
    this.items.set(address.id, address);
    this.changes.emit();
    return address;
  }

  remove(address: Address<A>): void {
    if (this.items.delete(address.id)) this.changes.emit();
  }

  update(address: Address<A>, patch: Partial<Pick<Address<A>, 'disabled' | 'comment'>>): void {
    Object.assign(address, patch);
    this.changes.emit();
  }

  isLocal(ip: A): boolean {
    return this.list().some((item) => !item.disabled && item.address === ip);
  }

  onChange(listener: () => void): () => void {
    return this.changes.on(listener);
  }

  /**
   * An address as RouterOS 7 prints it: `/ip/address` with its `network`; `/ipv6/address` with
   * `from-pool`, `eui-64`, `advertise`, `no-dad` and the `link-local` and `global` flags.
   */
  row(item: Address<A>): Attrs {
    const { family } = this;
    const row: Attrs = { '.id': formatId(item.id) };
    if (item.comment) row.comment = item.comment;
    row.address = `${family.format(item.address)}/${item.length}`;
    if (family === IPV4) row.network = family.format(family.network(item.address, item.length));
    else row['from-pool'] = '';
    row.interface = item.interface;
    row['actual-interface'] = item.interface;
    if (family !== IPV4) {
      const linkLocal = family.contains(LINK_LOCAL as Prefix<A>, item.address);
      Object.assign(row, {
        'eui-64': 'false',
        advertise: formatBoolean(!linkLocal && item.length === 64),
        'no-dad': 'false',
        'link-local': formatBoolean(linkLocal),
        global: formatBoolean(!linkLocal),
      });
    }
    row.invalid = formatBoolean(!this.interfaces.exists(item.interface));
    row.dynamic = formatBoolean(item.dynamic);
    row.disabled = formatBoolean(item.disabled);
    return row;
  }
}

const refuseDynamic = <A>(item: Address<A>) => {
  if (item.dynamic) throw new RouterTrap('failure: can not change dynamic address');
  return item;
};

export function addressMenu<A>(addresses: Addresses<A>): MenuSpec {
  const select = (attrs: Attrs) => selectItems(attrs, (ref) => addresses.find(ref)).map(refuseDynamic);
  const toggle = (disabled: boolean) => ({
    unnamed: ['numbers'],
    run: ({ attrs }: { attrs: Attrs }) => {
      allowOnly(attrs, ['.id', 'numbers']);
      for (const item of select(attrs)) addresses.update(item, { disabled });
      return { type: 'done' as const };
    },
  });
  return {
    path: `/${addresses.family.menu}/address`,
    commands: {
      print: printCommand(() => addresses.list().map((item) => addresses.row(item))),
      add: {
        run: ({ attrs }) => {
          const own = addresses.family === IPV4 ? ['network'] : [];
          allowOnly(attrs, ['address', 'interface', ...own, 'comment', 'disabled']);
          if (attrs.address === undefined) throw missingValue('address');
          if (attrs.interface === undefined) throw missingValue('interface');
          const item = addresses.add(attrs.address, attrs.interface, { comment: attrs.comment });
          if (attrs.disabled !== undefined) {
            addresses.update(item, { disabled: parseBoolean(attrs.disabled, 'disabled') });
          }
          return { type: 'done', ret: formatId(item.id) };
        },
      },
      remove: {
        unnamed: ['numbers'],
        run: ({ attrs }) => {
          allowOnly(attrs, ['.id', 'numbers']);
          for (const item of select(attrs)) addresses.remove(item);
          return { type: 'done' };
        },
      },
      set: {
        unnamed: ['numbers'],
        run: ({ attrs }) => {
          allowOnly(attrs, ['.id', 'numbers', 'comment', 'disabled']);
          const patch: Partial<Pick<Address<A>, 'disabled' | 'comment'>> = {};
          if (attrs.comment !== undefined) patch.comment = attrs.comment;
          if (attrs.disabled !== undefined) patch.disabled = parseBoolean(attrs.disabled, 'disabled');
          for (const item of select(attrs)) addresses.update(item, patch);
          return { type: 'done' };
        },
      },
      enable: toggle(false),
      disable: toggle(true),
    },
  };
}
