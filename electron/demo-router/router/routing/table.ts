// The routing table: static routes as they were added, connected routes made from addresses, DHCP
// routes made from leases, and the generated routes of `routes: N`, with each route's state kept
// current. Every way of reading routes (API print, `find where`, CLI print, the control surface)
// iterates rows(); every change goes out once through onChange() as the rows that changed.
import type { Attrs } from '../../command';
import type { AddressFamily } from '../address-family';
import { formatId, IdSequence } from '../ids';
import type { ItemChanges } from '../item-commands';
import { Listeners } from '../listeners';
import type { Address } from '../net/addresses';
import { formatBoolean, type Prefix } from '../values';
import { GeneratedRoutes, type GeneratedSet, NO_GENERATED_ROUTES } from './generated';
import {
  type Path,
  type Resolution,
  type ResolutionEnvironment,
  type RouteState,
  resolveRoutes,
  UNRESOLVED,
} from './resolution';
import {
  CONNECTED_DEFAULTS,
  DYNAMIC_SETTINGS,
  formatGateways,
  type Gateway,
  type Route,
  STATIC_DEFAULTS,
} from './route';

/** RouterOS 7 numbers static routes from *80000001 and dynamic ones apart from them. */
const FIRST_STATIC_ID = 0x80000001;
const FIRST_DYNAMIC_ID = 0x20180001;

export type StaticFields<A = number> = Pick<
  Route<A>,
  | 'dst'
  | 'gateways'
  | 'blackhole'
  | 'prefSrc'
  | 'distance'
  | 'scope'
  | 'targetScope'
  | 'checkGateway'
  | 'routingTable'
  | 'comment'
  | 'disabled'
>;

export interface DhcpRouteSpec<A = number> {
  gateway: A;
  interface: string;
  distance: number;
}

/** Where a packet for an address goes: out of `interface`, handed to `nexthop`. */
export interface ForwardingPath<A = number> {
  readonly route: Route<A>;
  readonly interface: string;
  /** The gateway, or the destination itself when it is on a connected network. */
  readonly nexthop: A;
}

export type CheckPath = Pick<Path, 'interface' | 'nexthop'>;

interface Entry<A> {
  readonly route: Route<A>;
  readonly state: RouteState<A>;
}

/** One family's table: `/ip/route` holds numbers (see address-family.ts), `/ipv6/route` bigints. */
export class RouteTable<A = number> {
  private readonly routes = new Map<number, Route<A>>();
  private readonly staticIds = new IdSequence(FIRST_STATIC_ID);
  private readonly dynamicIds = new IdSequence(FIRST_DYNAMIC_ID);
  private readonly connectedByAddress = new Map<number, number>();
  private readonly dhcpByClient = new Map<number, number>();
  private readonly changes = new Listeners<ItemChanges>();
  private generated: GeneratedSet<A> = NO_GENERATED_ROUTES;
  private resolution: Resolution<A>;
  /** Per gateway of the generated routes, its path through the current active set (memoised). */
  private generatedPaths = new Map<number, Path<A> | undefined>();
  /** Per gateway, a generated route's row minus its id and destination: all else is shared. */
  private generatedTemplates = new Map<number, Attrs>();
  private lastRows = new Map<number, string>();
  private lastGeneratedPaths: string[] = [];
  private removed: string[] = [];

  constructor(
    private readonly env: ResolutionEnvironment<A>,
    readonly family: AddressFamily<A>,
  ) {
    this.resolution = resolveRoutes([], env, family);
  }

  /** `routes: N` (IPv4 only): the generated routes take the next N static ids in one block. */
  generate(this: RouteTable<number>, count: number, gateways: readonly Gateway[]): void {
    this.generated = new GeneratedRoutes(count, this.staticIds.takeBlock(count), gateways);
    this.recompute();
  }

  addStatic(fields: StaticFields<A>): Route<A> {
    const route: Route<A> = { id: this.staticIds.take(), origin: 'static', ...fields };
    this.routes.set(route.id, route);
    this.recompute();
    return route;
  }

  /** Routes in the table, counted without listing them (what `print count-only` answers). */
  get size(): number {
    return this.routes.size + this.generated.size;
  }

  /** A route by `*id`: one the table holds, or a generated one (a fresh object each time). */
  find(ref: string): Route<A> | undefined {
    const id = /^\*[0-9A-Fa-f]{1,8}$/.test(ref) ? Number.parseInt(ref.slice(1), 16) : undefined;
    if (id === undefined) return undefined;
    const route = this.routes.get(id);
    if (route) return route;
    const index = this.generated.indexOfId(id);
    return index === undefined ? undefined : this.generated.route(index);
  }

  update(route: Route<A>, patch: Partial<StaticFields<A>>): void {
    const held = this.routes.get(route.id) ?? this.adopt(route);
    Object.assign(held, patch);
    this.recompute();
  }

  remove(route: Route<A>): void {
    if (!this.routes.delete(route.id)) this.generated.take(route.id - this.generated.firstId);
    this.removed.push(formatId(route.id));
    this.recompute();
  }

  /** A generated route that is changed leaves the sequence and is held like any other. */
  private adopt(route: Route<A>): Route<A> {
    this.generated.take(route.id - this.generated.firstId);
    const held = { ...route };
    this.routes.set(held.id, held);
    return held;
  }

  /** Connected routes follow the addresses: one per enabled address, dynamic and read-only. */
  syncConnected(addresses: readonly Address<A>[]): void {
    const wanted = new Map(
      addresses.filter((address) => !address.disabled).map((address) => [address.id, address]),
    );
    for (const [addressId, routeId] of this.connectedByAddress) {
      if (wanted.has(addressId)) continue;
      this.drop(routeId);
      this.connectedByAddress.delete(addressId);
    }
    for (const address of wanted.values()) {
      const dst: Prefix<A> = {
        address: this.family.network(address.address, address.length),
        length: address.length,
      };
      const fields = {
        dst,
        gateways: [{ kind: 'interface', name: address.interface } as const],
        localAddress: `${this.family.format(address.address)}%${address.interface}`,
      };
      const existing = this.connectedByAddress.get(address.id);
      if (existing !== undefined) Object.assign(this.routes.get(existing)!, fields);
      else {
        const route: Route<A> = {
          id: this.dynamicIds.take(),
          origin: 'connect',
          ...CONNECTED_DEFAULTS,
          ...fields,
          ...DYNAMIC_SETTINGS,
        };
        this.routes.set(route.id, route);
        this.connectedByAddress.set(address.id, route.id);
      }
    }
    this.recompute();
  }

  /** A DHCP client's default route; undefined takes it away. */
  syncDhcp(clientId: number, spec: DhcpRouteSpec<A> | undefined): void {
    const existing = this.dhcpByClient.get(clientId);
    if (!spec) {
      if (existing === undefined) return;
      this.drop(existing);
      this.dhcpByClient.delete(clientId);
      this.recompute();
      return;
    }
    const fields = {
      gateways: [{ kind: 'address', address: spec.gateway } as const],
      distance: spec.distance,
      vrfInterface: spec.interface,
    };
    if (existing !== undefined) Object.assign(this.routes.get(existing)!, fields);
    else {
      const route: Route<A> = {
        id: this.dynamicIds.take(),
        origin: 'dhcp',
        dst: this.family.any,
        ...STATIC_DEFAULTS,
        ...fields,
        ...DYNAMIC_SETTINGS,
      };
      this.routes.set(route.id, route);
      this.dhcpByClient.set(clientId, route.id);
    }
    this.recompute();
  }

  private drop(routeId: number): void {
    this.routes.delete(routeId);
    this.removed.push(formatId(routeId));
  }

  /** Re-decides every route's state, then tells the listeners what that changed. */
  recompute(): void {
    const held = [...this.routes.values()];
    // A generated route that shares its destination with a held one competes with it for real.
    const rivals = held
      .map((route) => this.generated.indexOfDst(route.dst))
      .filter((index): index is number => index !== undefined)
      .map((index) => this.generated.route(index));
    this.resolution = resolveRoutes([...held, ...rivals], this.env, this.family);
    this.generatedPaths.clear();
    this.generatedTemplates.clear();
    this.emitChanges();
  }

  state(route: Route<A>): RouteState<A> {
    const state = this.resolution.states.get(route.id);
    if (state) return state;
    if (this.generated.indexOfId(route.id) === undefined) return UNRESOLVED;
    const path = this.generatedPath(this.generated.gatewayIndex(route.id - this.generated.firstId));
    if (!path) return UNRESOLVED;
    return { resolved: true, reachable: true, active: true, ...path };
  }

  private generatedPath(gatewayIndex: number): Path<A> | undefined {
    if (!this.generatedPaths.has(gatewayIndex)) {
      this.generatedPaths.set(
        gatewayIndex,
        this.resolution.pathThrough(this.generated.gateway(gatewayIndex), STATIC_DEFAULTS.targetScope),
      );
    }
    return this.generatedPaths.get(gatewayIndex);
  }

  /**
   * Every route as `/ip/route/print` lists it, in RouterOS's order: by destination, active first.
   * The held routes are sorted; the generated ones already are, and are merged in as they come.
   */
  *rows(): Generator<Attrs> {
    const held = [...this.routes.values()]
      .map((route) => ({ route, state: this.state(route) }))
      .sort((a, b) => this.printOrder(a, b));
    const generated = this.generated;
    let next = 0;
    for (let index = 0; index < generated.count; index += 1) {
      if (!generated.has(index)) continue;
      const dst = generated.dst(index);
      while (next < held.length && this.printsBefore(held[next]!, dst, index)) yield this.row(held[next++]!);
      yield this.generatedRow(index);
    }
    while (next < held.length) yield this.row(held[next++]!);
  }

  /** Does a held route print before generated route `index` (destination `dst`)? */
  private printsBefore(entry: Entry<A>, dst: Prefix<A>, index: number): boolean {
    const order = this.family.compare(entry.route.dst, dst);
    if (order !== 0) return order < 0;
    // The same destination: a rare rival, ordered like any two routes.
    const route = this.generated.route(index);
    return this.printOrder(entry, { route, state: this.state(route) }) < 0;
  }

  private generatedRow(index: number): Attrs {
    const id = this.generated.firstId + index;
    // One competing with a held route for its destination is decided like any route.
    if (this.resolution.states.has(id)) return this.rowOf(this.generated.route(index));
    const gatewayIndex = this.generated.gatewayIndex(index);
    let template = this.generatedTemplates.get(gatewayIndex);
    if (!template) {
      const { '.id': _id, 'dst-address': _dst, ...rest } = this.rowOf(this.generated.route(index));
      template = rest;
      this.generatedTemplates.set(gatewayIndex, template);
    }
    return { '.id': formatId(id), 'dst-address': this.generated.dstText(index), ...template };
  }

  rowOf(route: Route<A>): Attrs {
    return this.row({ route, state: this.state(route) });
  }

  /**
   * A route as RouterOS 7.18 prints it over the API: `dynamic`, `inactive`, `disabled` and
   * `suppress-hw-offload` always, the other flags (`active`, `blackhole`, `static`, `connect`,
   * `dhcp`) only when set; `pref-src` and `check-gateway` only when set.
   */
  private row({ route, state }: Entry<A>): Attrs {
    const row: Attrs = { '.id': formatId(route.id) };
    if (route.comment) row.comment = route.comment;
    row['dst-address'] = `${this.family.format(route.dst.address)}/${route.dst.length}`;
    row['routing-table'] = route.routingTable;
    if (route.prefSrc) row['pref-src'] = route.prefSrc;
    if (route.gateways.length > 0) row.gateway = formatGateways(route.gateways, this.family);
    row['immediate-gw'] = state.immediateGw;
    if (route.checkGateway) row['check-gateway'] = route.checkGateway;
    row.distance = String(route.distance);
    row.scope = String(route.scope);
    row['target-scope'] = String(route.targetScope);
    if (route.vrfInterface) row['vrf-interface'] = route.vrfInterface;
    if (route.localAddress) row['local-address'] = route.localAddress;
    row['suppress-hw-offload'] = 'false';
    row.dynamic = formatBoolean(route.origin !== 'static');
    row.inactive = formatBoolean(!route.disabled && !state.reachable);
    if (state.active) row.active = 'true';
    if (route.blackhole) row.blackhole = 'true';
    row[route.origin] = 'true';
    row.disabled = formatBoolean(route.disabled);
    return row;
  }

  /** The route a packet for `address` takes: longest prefix among the active routes. */
  lookup(address: A): ForwardingPath<A> | undefined {
    const held = this.resolution.active.find(({ route }) => this.family.contains(route.dst, address));
    const index = this.generated.indexOfAddress(address);
    if (index !== undefined && (!held || held.route.dst.length < 24)) {
      const route = this.generated.route(index);
      const state = this.state(route);
      if (state.active && state.interface)
        return { route, interface: state.interface, nexthop: state.nexthop ?? address };
    }
    if (!held?.state.interface) return undefined;
    return { route: held.route, interface: held.state.interface, nexthop: held.state.nexthop ?? address };
  }

  /** Like lookup(), among the usable routes that leave by one interface (`/ping interface=`). */
  lookupVia(address: A, interfaceName: string): ForwardingPath<A> | undefined {
    let best: Entry<A> | undefined;
    for (const route of this.routes.values()) {
      const state = this.state(route);
      if (!state.reachable || state.interface !== interfaceName || !this.family.contains(route.dst, address))
        continue;
      if (!best || route.dst.length > best.route.dst.length) best = { route, state };
    }
    return best && { route: best.route, interface: interfaceName, nexthop: best.state.nexthop ?? address };
  }

  /** The active route for a destination, e.g. the default route that carries the LAN's traffic. */
  activeRoute(dst: Prefix<A>): Route<A> | undefined {
    return this.resolution.active.find(({ route }) => this.family.compare(route.dst, dst) === 0)?.route;
  }

  /** Routes whose gateway is checked, with the path each check takes (undefined: nowhere to send). */
  *checkedRoutes(): Generator<{ route: Route<A>; path: Pick<Path<A>, 'interface' | 'nexthop'> | undefined }> {
    for (const route of this.routes.values()) {
      if (route.disabled || (route.checkGateway !== 'ping' && route.checkGateway !== 'arp')) continue;
      const { resolved, interface: out, nexthop } = this.state(route);
      yield { route, path: resolved && out ? { interface: out, nexthop } : undefined };
    }
  }

  /** Is there another route like this one already (same destination, gateway, distance, table)? */
  hasTwin(fields: StaticFields<A>, except?: number): boolean {
    const gateway = formatGateways(fields.gateways, this.family);
    const twin = (route: Route<A>) =>
      route.id !== except &&
      route.origin === 'static' &&
      this.family.compare(route.dst, fields.dst) === 0 &&
      route.blackhole === fields.blackhole &&
      formatGateways(route.gateways, this.family) === gateway &&
      route.distance === fields.distance &&
      route.routingTable === fields.routingTable;
    if ([...this.routes.values()].some(twin)) return true;
    const index = this.generated.indexOfDst(fields.dst);
    return index !== undefined && twin(this.generated.route(index));
  }

  private printOrder(a: Entry<A>, b: Entry<A>): number {
    return (
      this.family.compare(a.route.dst, b.route.dst) ||
      Number(b.state.active) - Number(a.state.active) ||
      a.route.distance - b.route.distance ||
      a.route.id - b.route.id
    );
  }

  onChange(listener: (changes: ItemChanges) => void): () => void {
    return this.changes.on(listener);
  }

  private emitChanges(): void {
    const rows = new Map<number, string>();
    const changed: Attrs[] = [];
    for (const route of this.routes.values()) {
      const row = this.rowOf(route);
      const text = JSON.stringify(row);
      rows.set(route.id, text);
      if (this.lastRows.get(route.id) !== text) changed.push(row);
    }
    this.lastRows = rows;
    const paths: string[] = [];
    const flipped: number[] = [];
    for (let gatewayIndex = 0; gatewayIndex < this.generated.gatewayCount; gatewayIndex += 1) {
      paths.push(this.generatedPath(gatewayIndex)?.immediateGw ?? '');
      if (this.generated.count > 0 && paths[gatewayIndex] !== this.lastGeneratedPaths[gatewayIndex]) {
        flipped.push(gatewayIndex);
      }
    }
    this.lastGeneratedPaths = paths;
    const removed = this.removed;
    this.removed = [];
    if (changed.length === 0 && flipped.length === 0 && removed.length === 0) return;
    const generated = this.generated;
    const generatedRow = (index: number) => this.rowOf(generated.route(index));
    this.changes.emit({
      // Re-iterable: each listener walks it; generated rows are made as they are read.
      changed: {
        *[Symbol.iterator]() {
          yield* changed;
          for (const gatewayIndex of flipped) {
            for (const index of generated.indicesThrough(gatewayIndex)) yield generatedRow(index);
          }
        },
      },
      removed,
    });
  }
}
