// `/interface`: the router's ports and its LAN bridge. An upstream port is `running` while its WAN
// link's cable is up; the others are plugged in or not by the scenario.
import type { Attrs } from '../../command';
import { formatId } from '../ids';
import { listenCommand, printCommand } from '../item-commands';
import { Listeners } from '../listeners';
import { allowOnly, type MenuSpec, selectItems } from '../registry';
import { formatBoolean, formatDateTime } from '../values';
import type { Links } from './links';

export interface InterfaceDefinition {
  name: string;
  type: 'ether' | 'bridge';
  /** For a port without a WAN link: is anything plugged into it. */
  plugged?: boolean;
  /** A bridge port. */
  slave?: boolean;
  comment?: string;
}

export interface InterfaceRecord extends InterfaceDefinition {
  readonly id: number;
  readonly mac: string;
  disabled: boolean;
  linkDowns: number;
  lastLinkUp?: number;
  lastLinkDown?: number;
}

export interface Counters {
  rxByte: number;
  txByte: number;
  rxPacket: number;
  txPacket: number;
}

export class Interfaces {
  private readonly records: InterfaceRecord[];
  private readonly changes = new Listeners<string>();

  constructor(
    definitions: readonly InterfaceDefinition[],
    private readonly links: Links,
    private readonly now: () => number,
  ) {
    const bootedAt = now();
    this.records = definitions.map((definition, index) => ({
      ...definition,
      id: index + 1,
      // MikroTik's own OUI; the last octet tells the ports apart.
      mac: `78:9A:18:4C:9E:${(index + 1).toString(16).toUpperCase().padStart(2, '0')}`,
      disabled: false,
      linkDowns: 0,
      lastLinkUp: undefined,
      lastLinkDown: undefined,
    }));
    for (const record of this.records) if (this.running(record.name)) record.lastLinkUp = bootedAt;
    links.onUpChange((name) => {
      const record = this.find(name);
      if (!record) return;
      if (this.links.isUp(name)) record.lastLinkUp = this.now();
      else {
        record.lastLinkDown = this.now();
        record.linkDowns += 1;
      }
      this.changes.emit(name);
    });
  }

  names(): string[] {
    return this.records.map((record) => record.name);
  }

  exists(name: string): boolean {
    return this.find(name) !== undefined;
  }

  running(name: string): boolean {
    const record = this.find(name);
    if (!record || record.disabled) return false;
    return this.links.isUp(name) ?? record.plugged ?? record.type === 'bridge';
  }

  /** An interface went up or down, by its cable or by `disable`. */
  onRunningChange(listener: (name: string) => void): () => void {
    return this.changes.on(listener);
  }

  setDisabled(name: string, disabled: boolean): void {
    const record = this.find(name);
    if (!record || record.disabled === disabled) return;
    record.disabled = disabled;
    this.changes.emit(name);
  }

  row(record: InterfaceRecord, counters: Counters): Attrs {
    const row: Attrs = { '.id': formatId(record.id) };
    if (record.comment) row.comment = record.comment;
    row.name = record.name;
    if (record.type === 'ether') row['default-name'] = record.name;
    row.type = record.type;
    row.mtu = record.type === 'bridge' ? 'auto' : '1500';
    row['actual-mtu'] = '1500';
    row.l2mtu = '1514';
    if (record.type === 'ether') row['max-l2mtu'] = '9796';
    row['mac-address'] = record.mac;
    if (record.lastLinkDown !== undefined)
      row['last-link-down-time'] = formatDateTime(new Date(record.lastLinkDown));
    if (record.lastLinkUp !== undefined)
      row['last-link-up-time'] = formatDateTime(new Date(record.lastLinkUp));
    row['link-downs'] = String(record.linkDowns);
    row['rx-byte'] = String(Math.round(counters.rxByte));
    row['tx-byte'] = String(Math.round(counters.txByte));
    row['rx-packet'] = String(Math.round(counters.rxPacket));
    row['tx-packet'] = String(Math.round(counters.txPacket));
    row.running = formatBoolean(this.running(record.name));
    row.slave = formatBoolean(record.slave ?? false);
    row.disabled = formatBoolean(record.disabled);
    return row;
  }

  list(): readonly InterfaceRecord[] {
    return this.records;
  }

  find(ref: string): InterfaceRecord | undefined {
    return this.records.find((record) => record.name === ref || formatId(record.id) === ref);
  }
}

export function interfaceMenu(interfaces: Interfaces, counters: (name: string) => Counters): MenuSpec {
  const rows = () => interfaces.list().map((record) => interfaces.row(record, counters(record.name)));
  const setDisabled = (disabled: boolean) => ({
    unnamed: ['numbers'],
    run: (command: { attrs: Attrs }) => {
      allowOnly(command.attrs, ['.id', 'numbers']);
      for (const record of selectItems(command.attrs, (ref) => interfaces.find(ref))) {
        interfaces.setDisabled(record.name, disabled);
      }
      return { type: 'done' as const };
    },
  });
  return {
    path: '/interface',
    commands: {
      print: printCommand(rows),
      enable: setDisabled(false),
      disable: setDisabled(true),
      listen: listenCommand((listener) =>
        interfaces.onRunningChange((name) => {
          const record = interfaces.find(name);
          if (record) listener({ changed: [interfaces.row(record, counters(name))], removed: [] });
        }),
      ),
    },
  };
}
