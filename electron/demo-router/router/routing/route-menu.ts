// `/ip/route` and `/ipv6/route`: what a client may do to a family's table, with RouterOS's checks
// and wording. Connected and DHCP routes are dynamic: they are listed, never changed (a DHCP route's
// distance is its client's `default-route-distance`).
import { routeSettings } from '../../../../shared/routes/route';
import { checkGatewayMethods, ipv4OnlySettings } from '../../../../shared/routes/route-family';
import { type Attrs, type CommandResult, RouterTrap } from '../../command';
import { type AddressFamily, IPV4 } from '../address-family';
import { formatId } from '../ids';
import { listenCommand, printCommand } from '../item-commands';
import { allowOnly, type CommandSpec, type MenuSpec, selectItems } from '../registry';
import { invalidValue, noMatch, parseBoolean, parseInteger } from '../values';
import { type Route, readGateways, STATIC_DEFAULTS } from './route';
import type { RouteTable, StaticFields } from './table';

const ITEMS = ['.id', 'numbers'];

export function routeMenu<A>(table: RouteTable<A>, interfaceExists: (name: string) => boolean): MenuSpec {
  const { family } = table;
  const settings = routeSettings.filter(
    (name) => family.menu === 'ip' || !(ipv4OnlySettings as readonly string[]).includes(name),
  );
  const unsettable = ['check-gateway', 'comment', 'pref-src'].filter((name) =>
    settings.includes(name as never),
  );
  const readFields = (attrs: Attrs): Partial<StaticFields<A>> => parseFields(attrs, interfaceExists, family);
  const staticRoutes = (attrs: Attrs, refusal: string) =>
    selectItems(attrs, (ref) => table.find(ref)).map((route) => {
      if (route.origin !== 'static') throw new RouterTrap(`failure: ${refusal}`);
      return route;
    });
  const change = (route: Route<A>, patch: Partial<StaticFields<A>>) => {
    if (table.hasTwin({ ...route, ...patch }, route.id))
      throw new RouterTrap('failure: already have such route');
    table.update(route, patch);
  };
  const toggle = (disabled: boolean): CommandSpec => ({
    unnamed: ['numbers'],
    run: ({ attrs }) => {
      allowOnly(attrs, ITEMS);
      for (const route of staticRoutes(attrs, 'cannot change dynamic route')) change(route, { disabled });
      return done();
    },
  });
  return {
    path: `/${family.menu}/route`,
    commands: {
      print: printCommand(
        () => table.rows(),
        () => table.size,
      ),
      listen: listenCommand((listener) => table.onChange(listener)),
      add: {
        run: ({ attrs }) => {
          allowOnly(attrs, settings);
          const fields: StaticFields<A> = {
            dst: family.any,
            gateways: [],
            blackhole: false,
            prefSrc: '',
            ...STATIC_DEFAULTS,
            checkGateway: '',
            routingTable: 'main',
            comment: '',
            disabled: false,
            ...readFields(attrs),
          };
          if (table.hasTwin(fields)) throw new RouterTrap('failure: already have such route');
          return done(formatId(table.addStatic(fields).id));
        },
      },
      set: {
        unnamed: ['numbers'],
        run: ({ attrs }) => {
          allowOnly(attrs, [...ITEMS, ...settings]);
          const patch = readFields(attrs);
          for (const route of staticRoutes(attrs, 'cannot change dynamic route')) change(route, patch);
          return done();
        },
      },
      remove: {
        unnamed: ['numbers'],
        run: ({ attrs }) => {
          allowOnly(attrs, ITEMS);
          for (const route of staticRoutes(attrs, 'cannot remove dynamic route')) table.remove(route);
          return done();
        },
      },
      enable: toggle(false),
      disable: toggle(true),
      comment: {
        unnamed: ['numbers', 'comment'],
        run: ({ attrs }) => {
          allowOnly(attrs, [...ITEMS, 'comment']);
          const comment = attrs.comment ?? '';
          for (const route of staticRoutes(attrs, 'cannot change dynamic route'))
            table.update(route, { comment });
          return done();
        },
      },
      unset: {
        unnamed: ['numbers', 'value-name'],
        run: ({ attrs }) => {
          allowOnly(attrs, [...ITEMS, 'value-name']);
          const names = (attrs['value-name'] ?? '').split(',');
          if (names.some((name) => !unsettable.includes(name))) throw invalidValue('value-name');
          const patch: Partial<StaticFields<A>> = {};
          if (names.includes('check-gateway')) patch.checkGateway = '';
          if (names.includes('comment')) patch.comment = '';
          if (names.includes('pref-src')) patch.prefSrc = '';
          for (const route of staticRoutes(attrs, 'cannot change dynamic route')) table.update(route, patch);
          return done();
        },
      },
    },
  };
}

const done = (ret?: string): CommandResult => (ret === undefined ? { type: 'done' } : { type: 'done', ret });

function parseFields<A>(
  attrs: Attrs,
  interfaceExists: (name: string) => boolean,
  family: AddressFamily<A>,
): Partial<StaticFields<A>> {
  const fields: Partial<StaticFields<A>> = {};
  const dst = attrs['dst-address'];
  if (dst !== undefined) {
    const prefix = family.readPrefix(dst);
    if (!prefix) {
      // Shaped like an address but past its bounds (`10.0.0.0/33`, `300.0.0.1`, `::/129`) is a range error.
      const [address = '', length] = dst.split('/');
      const shaped =
        family === IPV4 ? /^\d+\.\d+\.\d+\.\d+$/.test(address) : family.read(address) !== undefined;
      if (shaped && (length === undefined || /^\d+$/.test(length)))
        throw new RouterTrap('value of dst-address out of range', 1);
      throw invalidValue('dst-address');
    }
    fields.dst = prefix;
  }
  if (attrs.gateway !== undefined) {
    const gateways = readGateways(attrs.gateway, interfaceExists, family);
    if (!gateways) throw invalidValue('gateway');
    fields.gateways = gateways;
  }
  // A blackhole route may keep a gateway it had; it is not used while the route is a blackhole.
  if (attrs.blackhole !== undefined) fields.blackhole = parseBoolean(attrs.blackhole, 'blackhole');
  const prefSrc = attrs['pref-src'];
  if (prefSrc !== undefined) {
    if (family.read(prefSrc) === undefined) throw invalidValue('pref-src');
    fields.prefSrc = prefSrc;
  }
  if (attrs.distance !== undefined) fields.distance = parseInteger(attrs.distance, 'distance', 1, 255);
  if (attrs.scope !== undefined) fields.scope = parseInteger(attrs.scope, 'scope', 0, 255);
  if (attrs['target-scope'] !== undefined) {
    fields.targetScope = parseInteger(attrs['target-scope'], 'target-scope', 0, 255);
  }
  const check = attrs['check-gateway'];
  if (check !== undefined) {
    if (![...checkGatewayMethods[family.menu], 'none'].includes(check)) throw noMatch('check-gateway');
    fields.checkGateway = check;
  }
  const table = attrs['routing-table'];
  if (table !== undefined && table !== 'main') throw noMatch('routing-table');
  if (attrs.comment !== undefined) fields.comment = attrs.comment;
  if (attrs.disabled !== undefined) fields.disabled = parseBoolean(attrs.disabled, 'disabled');
  return fields;
}
