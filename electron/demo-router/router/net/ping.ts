// `/ping` as a stream. Each echo leaves by the route the table picks for the address (a probe
// host's /32 pins it to its WAN), or by `interface=`'s routes, and crosses that WAN's link. Every
// reply carries the running totals, as RouterOS 7 sends them over the API: `seq host size ttl time
// sent received packet-loss min-rtt avg-rtt max-rtt`, or `seq host status=timeout sent received
// packet-loss` for an echo that never came back.

import { formatDuration } from '../../../../shared/routeros/duration';
import { type Attrs, type CommandResult, RouterTrap, type StreamSink } from '../../command';
import { allowOnly, type CommandSpec } from '../registry';
import type { ForwardingPath, RouteTable } from '../routing/table';
import { invalidValue, noMatch, parseDuration, parseInteger, readIp } from '../values';
import type { Addresses } from './addresses';
import type { Echo, Links } from './links';

const DEFAULT_INTERVAL_MS = 1000;
/** How long RouterOS waits for an echo before it reports a timeout. */
const TIMEOUT_MS = 1000;
const DEFAULT_SIZE = 56;
const LOCAL_ECHO: Echo = { answered: true, rttMs: 0.02, ttl: 64 };
const PARAMETERS = [
  'address',
  'count',
  'interval',
  'interface',
  'routing-table',
  'src-address',
  'size',
  'ttl',
  'do-not-fragment',
];

export interface PingDependencies {
  table: RouteTable;
  links: Links;
  addresses: Addresses;
  interfaceExists(name: string): boolean;
}

interface PingRequest {
  address: number;
  host: string;
  count: number;
  intervalMs: number;
  size: number;
  interface: string | undefined;
}

export function pingCommand(deps: PingDependencies): CommandSpec {
  return {
    unnamed: ['address'],
    flags: ['do-not-fragment'],
    run: ({ attrs }): CommandResult => {
      const request = readRequest(attrs, deps);
      return { type: 'stream', start: (sink) => ping(request, deps, sink) };
    },
  };
}

function readRequest(attrs: Attrs, deps: PingDependencies): PingRequest {
  allowOnly(attrs, PARAMETERS);
  const host = attrs.address ?? '';
  const address = readIp(host);
  if (address === undefined) throw invalidValue('address');
  const out = attrs.interface;
  if (out !== undefined && !deps.interfaceExists(out)) throw noMatch('interface');
  if (attrs['routing-table'] !== undefined && attrs['routing-table'] !== 'main')
    throw noMatch('routing-table');
  if (attrs['src-address'] !== undefined && readIp(attrs['src-address']) === undefined) {
    throw invalidValue('src-address');
  }
  if (attrs.ttl !== undefined) parseInteger(attrs.ttl, 'ttl', 1, 255);
  const intervalMs =
    attrs.interval === undefined ? DEFAULT_INTERVAL_MS : parseDuration(attrs.interval, 'interval');
  if (intervalMs < 10 || intervalMs > 5000)
    throw new RouterTrap('value of interval out of range (10ms..5s)', 1);
  return {
    address,
    host,
    count:
      attrs.count === undefined
        ? Number.POSITIVE_INFINITY
        : parseInteger(attrs.count, 'count', 1, 4294967295),
    intervalMs,
    size: attrs.size === undefined ? DEFAULT_SIZE : parseInteger(attrs.size, 'size', 14, 65535),
    interface: out,
  };
}

function ping(request: PingRequest, deps: PingDependencies, sink: StreamSink): () => void {
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, run: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, ms);
    timers.add(timer);
  };
  const totals: Totals = { received: 0, min: Number.POSITIVE_INFINITY, max: 0, sum: 0 };
  let sent = 0;

  const send = () => {
    const seq = sent;
    sent += 1;
    const echo = echoTo(deps, request.address, request.interface);
    // A reply is reported when it arrives, a loss when RouterOS gives up on it; both before the
    // next echo leaves, so the rows stay in sequence.
    const wait = Math.min(echo.answered ? echo.rttMs : TIMEOUT_MS, request.intervalMs * 0.9);
    const sentSoFar = sent;
    later(wait, () => {
      if (echo.answered) {
        totals.received += 1;
        totals.min = Math.min(totals.min, echo.rttMs);
        totals.max = Math.max(totals.max, echo.rttMs);
        totals.sum += echo.rttMs;
      }
      sink.row(reply(request, seq, echo, sentSoFar, totals));
      if (sentSoFar >= request.count) sink.end();
    });
    if (sent < request.count) later(request.intervalMs, send);
  };
  send();
  return () => {
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
  };
}

/** One echo to `address` along the route the table picks (or `out`'s routes): `/ping` and netwatch. */
export function echoTo(deps: PingDependencies, address: number, out?: string): Echo {
  if (deps.addresses.isLocal(address)) return LOCAL_ECHO;
  const path: ForwardingPath | undefined = out
    ? deps.table.lookupVia(address, out)
    : deps.table.lookup(address);
  if (!path) return { answered: false, rttMs: 0, ttl: 0 };
  return deps.links.echo(path.interface, path.nexthop, address);
}

/** Running totals: a ping left on for a day keeps four numbers, not every round trip. */
interface Totals {
  received: number;
  min: number;
  max: number;
  sum: number;
}

function reply(request: PingRequest, seq: number, echo: Echo, sent: number, totals: Totals): Attrs {
  const row: Attrs = { seq: String(seq), host: request.host };
  if (echo.answered) {
    row.size = String(request.size);
    row.ttl = String(echo.ttl);
    row.time = formatDuration(echo.rttMs);
  } else {
    row.status = 'timeout';
  }
  row.sent = String(sent);
  row.received = String(totals.received);
  row['packet-loss'] = String(Math.floor(((sent - totals.received) * 100) / sent));
  if (totals.received > 0) {
    row['min-rtt'] = formatDuration(totals.min);
    row['avg-rtt'] = formatDuration(totals.sum / totals.received);
    row['max-rtt'] = formatDuration(totals.max);
  }
  return row;
}
