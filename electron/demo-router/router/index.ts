// The simulated RouterOS 7.18 router behind the demo router's doors: createRouter() builds one
// from a scenario, and the RouterModel it returns runs commands for the API and SSH front ends and
// gives tests, scenarios and the app a typed handle on the world around it (the WAN links) while it
// runs.
import type { ApiCommand, Attrs, CommandContext, CommandResult, CommandTarget } from '../command';
import { IPV4, IPV6 } from './address-family';
import { ConsoleSession } from './cli/session';
import { type Clock, realClock } from './clock';
import { Connections, connectionMenu } from './firewall/connections';
import type { ItemChanges } from './item-commands';
import { Addresses, addressMenu } from './net/addresses';
import { DhcpClients, dhcpClientMenu } from './net/dhcp-client';
import { Interfaces, interfaceMenu } from './net/interfaces';
import { type Link, type LinkState, Links } from './net/links';
import { echoTo, pingCommand } from './net/ping';
import { monitorTrafficCommand, Traffic } from './net/traffic';
import { CommandRegistry } from './registry';
import { GatewayChecker } from './routing/gateway-check';
import { readGateways, STATIC_DEFAULTS } from './routing/route';
import { routeMenu } from './routing/route-menu';
import { RouteTable } from './routing/table';
import { type ScenarioName, scenario } from './scenarios';
import { Interpreter } from './script/interpreter';
import type { Value } from './script/values';
import { SshService, sshServiceMenu } from './services/ssh-service';
import { clockMenu } from './system/clock';
import { Identity, identityMenu } from './system/identity';
import { type LogEntry, logMenu, SystemLog } from './system/log';
import { resourceMenu } from './system/resource';
import { Scheduler, schedulerMenu } from './system/scheduler';
import { type ScriptRunner, Scripts, scriptMenu } from './system/scripts';
import { Netwatch, netwatchMenu } from './tool/netwatch';
import { ActiveUsers, activeUsersMenu, type LoginOrigin } from './user/active-users';
import { readIp } from './values';

export type { ConsoleSession } from './cli/session';
export { type Clock, realClock, SimulatedClock } from './clock';
export type { ItemChanges } from './item-commands';
export type { Link, LinkState } from './net/links';
export type { ForwardingMode } from './services/ssh-service';
export type { LogEntry } from './system/log';
export type { LoginOrigin } from './user/active-users';

export interface RouterOptions {
  scenario?: ScenarioName;
  /** Generated routes on top of the scenario's own: /24s from 20.0.0.0 through the WAN gateways. */
  routes?: number;
  identity?: string;
  /** The one login, `admin` with an empty password by default, as on a fresh RouterOS. */
  user?: string;
  password?: string;
  /** How often check-gateway probes (RouterOS: 10 s); tests make it short. */
  checkGatewayIntervalMs?: number;
  /** Loss and jitter draw from this; tests may make them repeatable. */
  random?: () => number;
  /**
   * The router's time for netwatch, check-gateway, the scheduler and the log: wall time by default;
   * a SimulatedClock lets a benchmark run minutes of link trouble in moments.
   */
  clock?: Clock;
  /**
   * Where `/user/active` sees logins coming from (a relay, a VPN peer), rather than loopback where
   * every door listens; changeable while the router runs (`users.loginsFrom`).
   */
  loginsFrom?: string;
}

/** The WAN links, which a scenario or a test changes while the router runs. */
export interface LinkControl {
  names(): string[];
  get(interfaceName: string): Link | undefined;
  set(interfaceName: string, patch: Partial<LinkState>): void;
  /** One host on the internet stops answering (or answers again), whichever link reaches it. */
  setHostAnswers(address: string, answers: boolean): void;
}

export interface RouteControl {
  /** Every route as `/ip/route/print` gives it, in the same order. */
  rows(): Iterable<Attrs>;
  /** Routes that changed (as full rows) or were removed (by id), as `/ip/route/listen` sends them. */
  onChange(listener: (changes: ItemChanges) => void): () => void;
  /** Probes every checked gateway now rather than at the next interval. */
  checkGateways(): void;
}

export interface ConnectionControl {
  /** The WAN interface each open connection is pinned to (NATed to its address). */
  wans(): string[];
}

export interface RouterModel extends CommandTarget {
  /** A door's login: listed in `/user/active` until the returned function is called; undefined when refused. */
  logIn(user: string, password: string, origin: LoginOrigin): (() => void) | undefined;
  /** Clears every timer the router runs: gateway checks, scheduler entries, streams end with it. */
  stop(): void;
  readonly identity: string;
  readonly links: LinkControl;
  readonly routes: RouteControl;
  readonly connections: ConnectionControl;
  /** `/user/active`: where logins are seen from. */
  readonly users: Pick<ActiveUsers, 'loginsFrom'>;
  /** `/ip/ssh`: what the SSH door allows besides a console. */
  readonly sshService: Pick<SshService, 'forwarding' | 'allowsLocalForwarding'>;
  /** A console, as an SSH shell or `exec` gets one. */
  openConsole(user: string, width?: number): ConsoleSession;
  /** Runs script source as `user`; resolves with what it `:put`. */
  runScript(source: string, user?: string): Promise<string>;
  /** `/log`, newest last. */
  logEntries(): readonly LogEntry[];
  /** The command of each stream running now (`/ping`, `/ip/route/listen`...), whoever started it. */
  streams(): string[];
}

export function createRouter(options: RouterOptions = {}): RouterModel {
  return new Router(options);
}

class Router implements RouterModel {
  private readonly registry = new CommandRegistry();
  private readonly identityRecord: Identity;
  private readonly user: string;
  private readonly password: string;
  private readonly globals = new Map<string, Value>();
  private readonly log: SystemLog;
  private readonly interpreter: Interpreter;
  private readonly checker: GatewayChecker;
  private readonly scheduler: Scheduler;
  private readonly netwatch: Netwatch;
  private readonly traffic: Traffic;
  private readonly unsubscribes: (() => void)[] = [];
  /** Aborts scripts still running (a scheduled script in a `:delay`) when the router stops. */
  private readonly halt = new AbortController();
  readonly links: Links;
  readonly routes: RouteControl;
  readonly connections: Connections;
  readonly users: ActiveUsers;
  readonly sshService = new SshService();

  constructor(options: RouterOptions) {
    const clock = options.clock ?? realClock;
    const now = () => clock.now();
    const bootedAt = now();
    const random = options.random ?? Math.random;
    const site = scenario(options.scenario ?? 'two-wan');
    this.identityRecord = new Identity(options.identity ?? 'MikroTik');
    this.user = options.user ?? 'admin';
    this.password = options.password ?? '';
    this.log = new SystemLog(now);
    this.users = new ActiveUsers(now);
    this.users.loginsFrom = options.loginsFrom;

    this.links = new Links(site.links, random);
    const interfaces = new Interfaces(site.interfaces, this.links, now);
    const addresses = new Addresses(interfaces, IPV4);
    // The checker is made below; until then no gateway has failed.
    let checker: GatewayChecker | undefined;
    const table = new RouteTable(
      {
        running: (name) => interfaces.running(name),
        checkFailed: (route) => checker?.failed(route) ?? false,
      },
      IPV4,
    );
    checker = new GatewayChecker(
      () => table.checkedRoutes(),
      (route, path) => {
        // An ECMP route's check probes its first gateway.
        const gateway = route.gateways[0];
        if (gateway?.kind !== 'address') return interfaces.running(path.interface);
        const target = gateway.address;
        const nexthop = path.nexthop ?? target;
        // arp asks the next hop itself; ping asks the gateway, through the next hop.
        return this.links.echo(path.interface, nexthop, route.checkGateway === 'arp' ? nexthop : target)
          .answered;
      },
      () => table.recompute(),
      clock,
      options.checkGatewayIntervalMs,
    );
    this.checker = checker;
    this.unsubscribes.push(
      addresses.onChange(() => table.syncConnected(addresses.list())),
      interfaces.onRunningChange(() => table.recompute()),
    );

    const dhcpClients = new DhcpClients(addresses, table, now);
    for (const { address, interface: name, comment } of site.addresses)
      addresses.add(address, name, { comment });
    for (const client of site.dhcpClients) dhcpClients.add(client);
    const exists = (name: string) => interfaces.exists(name);
    const addDefaultRoutes = <A>(
      into: RouteTable<A>,
      routes: readonly { gateway: string; distance: number; comment: string }[],
    ) => {
      for (const { gateway, distance, comment } of routes) {
        into.addStatic({
          dst: into.family.any,
          gateways: readGateways(gateway, exists, into.family) ?? [],
          blackhole: false,
          prefSrc: '',
          ...STATIC_DEFAULTS,
          distance,
          checkGateway: '',
          routingTable: 'main',
          comment,
          disabled: false,
        });
      }
    };
    addDefaultRoutes(table, site.routes);

    // IPv6 has no check-gateway probes here: its routes follow their interfaces' running state.
    const addresses6 = new Addresses(interfaces, IPV6);
    const table6 = new RouteTable(
      { running: (name) => interfaces.running(name), checkFailed: () => false },
      IPV6,
    );
    this.unsubscribes.push(
      addresses6.onChange(() => table6.syncConnected(addresses6.list())),
      interfaces.onRunningChange(() => table6.recompute()),
    );
    for (const { address, interface: name, comment } of site.ipv6Addresses)
      addresses6.add(address, name, { comment });
    addDefaultRoutes(table6, site.ipv6Routes);
    table.generate(
      options.routes ?? 0,
      site.generatedGateways.map((gateway) => ({ kind: 'address', address: readIp(gateway)! })),
    );
    this.traffic = new Traffic(interfaces, this.links, table, site.lan, now);

    this.interpreter = new Interpreter({
      registry: this.registry,
      globals: this.globals,
      log: (topics, message) => this.log.add(topics, message),
    });
    const runner: ScriptRunner = { run: (source, user) => this.runScript(source, user) };
    const scripts = new Scripts(runner, now);
    this.scheduler = new Scheduler(scripts, runner, this.log, clock, bootedAt);
    const pingDeps = { table, links: this.links, addresses, interfaceExists: exists };
    this.netwatch = new Netwatch({
      clock,
      echo: (address) => echoTo(pingDeps, address),
      runScript: (source, user) => {
        this.runScript(source, user).catch((error: unknown) =>
          this.log.add(
            'script,error',
            `netwatch script failed: ${error instanceof Error ? error.message : String(error)}`,
          ),
        );
      },
    });
    this.connections = new Connections({
      clock,
      carrier: () => {
        const name = this.traffic.carrier();
        const address = addresses.list().find((item) => item.interface === name && !item.disabled);
        return name && address ? { interface: name, address: address.address } : undefined;
      },
    });

    const registry = this.registry;
    registry.add(interfaceMenu(interfaces, (name) => this.traffic.countersOf(name)));
    registry.add({
      path: '/interface',
      commands: { 'monitor-traffic': monitorTrafficCommand(this.traffic, interfaces) },
    });
    registry.add(addressMenu(addresses));
    registry.add(addressMenu(addresses6));
    registry.add(dhcpClientMenu(dhcpClients));
    registry.add(routeMenu(table, exists));
    registry.add(routeMenu(table6, exists));
    registry.add(identityMenu(this.identityRecord));
    // The SSH door's host key is ed25519 (ssh/host-key.ts).
    registry.add(sshServiceMenu(this.sshService, 'ed25519'));
    registry.add(resourceMenu(bootedAt, now, () => this.cpuLoad()));
    registry.add(clockMenu(now));
    registry.add(logMenu(this.log));
    registry.add(scriptMenu(scripts));
    registry.add(schedulerMenu(this.scheduler));
    registry.add(netwatchMenu(this.netwatch));
    registry.add(connectionMenu(this.connections));
    registry.add(activeUsersMenu(this.users));
    registry.add({ path: '', commands: { ping: pingCommand(pingDeps) } });

    this.routes = {
      rows: () => table.rows(),
      onChange: (listener) => table.onChange(listener),
      checkGateways: () => checker.checkAll(),
    };
  }

  get identity(): string {
    return this.identityRecord.name;
  }

  execute(command: ApiCommand, context: CommandContext): CommandResult {
    return this.registry.execute(command, context);
  }

  logIn(user: string, password: string, origin: LoginOrigin): (() => void) | undefined {
    if (user !== this.user || password !== this.password) return undefined;
    return this.users.add(user, origin);
  }

  openConsole(user: string, width = 80): ConsoleSession {
    return new ConsoleSession(
      this.interpreter,
      user,
      () => this.identity,
      width,
      (error) =>
        this.log.add('system,error', `console: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  async runScript(source: string, user: string = this.user): Promise<string> {
    let output = '';
    await this.interpreter.run(source, {
      user,
      signal: this.halt.signal,
      output: (text) => {
        output += text;
        return undefined;
      },
    });
    return output;
  }

  logEntries(): readonly LogEntry[] {
    return this.log.list();
  }

  streams(): string[] {
    return this.registry.runningStreams();
  }

  /** A busy WAN keeps the CPU busier; an idle router idles at a few percent. */
  private cpuLoad(): number {
    const carrier = this.traffic.carrier();
    const mbps = carrier === undefined ? 0 : this.traffic.rates(carrier).rxBitsPerSecond / 1e6;
    return Math.min(100, 2 + Math.round(mbps / 12));
  }

  stop(): void {
    this.checker.stop();
    this.scheduler.stop();
    this.netwatch.stop();
    this.registry.stopStreams();
    this.halt.abort();
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
  }
}
