// `/ip/address`: the router's own addresses. Each enabled one puts a connected route in the table;
// a DHCP client's lease adds a dynamic one that `/ip/address` refuses to change.
import { type Attrs, RouterTrap } from '../../command';
import { formatId, IdSequence } from '../ids';
import { printCommand } from '../item-commands';
import { Listeners } from '../listeners';
import { allowOnly, type MenuSpec, selectItems } from '../registry';
import { formatBoolean, formatIp, maskOf, noMatch, parseBoolean, readPrefix } from '../values';
import type { Interfaces } from './interfaces';

export interface Address {
  readonly id: number;
  /** The router's own address. */
  address: number;
  length: number;
  interface: string;
  disabled: boolean;
  readonly dynamic: boolean;
  comment: string;
}

export const networkOf = (address: Address): number => (address.address & maskOf(address.length)) >>> 0;

export function missingValue(name: string): RouterTrap {
  return new RouterTrap(`missing value(s) of argument(s) ${name}`, 1);
}

export class Addresses {
  private readonly items = new Map<number, Address>();
  private readonly ids = new IdSequence(1);
  private readonly changes = new Listeners<void>();

  constructor(private readonly interfaces: Interfaces) {}

  list(): Address[] {
    return [...this.items.values()];
  }

  find(ref: string): Address | undefined {
    return [...this.items.values()].find((item) => formatId(item.id) === ref);
  }

  /** Adds an address from `10.0.1.2/24` and an interface name, trapping as `/ip/address/add` does. */
  add(text: string, interfaceName: string, options: { dynamic?: boolean; comment?: string } = {}): Address {
    const prefix = readPrefix(text);
    const host = text.split('/')[0] ?? '';
    if (!prefix) throw new RouterTrap('invalid value for argument address', 1);
    if (!this.interfaces.exists(interfaceName)) throw noMatch('interface');
    const length = text.includes('/') ? prefix.length : 32;
    const address: Address = {
      id: this.ids.take(),
      // readPrefix cleared the host bits; the address keeps them.
      address: readPrefix(`${host}/32`)!.address,
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

  remove(address: Address): void {
    if (this.items.delete(address.id)) this.changes.emit();
  }

  update(address: Address, patch: Partial<Pick<Address, 'disabled' | 'comment'>>): void {
    Object.assign(address, patch);
    this.changes.emit();
  }

  isLocal(ip: number): boolean {
    return this.list().some((item) => !item.disabled && item.address === ip);
  }

  onChange(listener: () => void): () => void {
    return this.changes.on(listener);
  }

  row(item: Address): Attrs {
    const row: Attrs = { '.id': formatId(item.id) };
    if (item.comment) row.comment = item.comment;
    row.address = `${formatIp(item.address)}/${item.length}`;
    row.network = formatIp(networkOf(item));
    row.interface = item.interface;
    row['actual-interface'] = item.interface;
    row.invalid = formatBoolean(!this.interfaces.exists(item.interface));
    row.dynamic = formatBoolean(item.dynamic);
    row.disabled = formatBoolean(item.disabled);
    return row;
  }
}

const refuseDynamic = (item: Address) => {
  if (item.dynamic) throw new RouterTrap('failure: can not change dynamic address');
  return item;
};

export function addressMenu(addresses: Addresses): MenuSpec {
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
    path: '/ip/address',
    commands: {
      print: printCommand(() => addresses.list().map((item) => addresses.row(item))),
      add: {
        run: ({ attrs }) => {
          allowOnly(attrs, ['address', 'interface', 'network', 'comment', 'disabled']);
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
          const patch: Partial<Pick<Address, 'disabled' | 'comment'>> = {};
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
