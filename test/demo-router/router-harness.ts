// Drives the router model the way the API front end does: commands through execute(), print rows
// read out, streams collected until they end or have given enough rows.
import { expect } from 'vitest';
import { type Attrs, type CommandResult, RouterTrap } from '../../electron/demo-router/command';
import { createRouter, type RouterModel, type RouterOptions } from '../../electron/demo-router/router';

export const CONTEXT = { user: 'admin' };

export function router(options: RouterOptions = {}): RouterModel {
  return createRouter({ checkGatewayIntervalMs: 3_600_000, ...options });
}

export function run(target: RouterModel, path: string, attrs: Attrs = {}): CommandResult {
  return target.execute({ path, attrs, queries: [] }, CONTEXT);
}

export function print(target: RouterModel, path: string): Attrs[] {
  const result = run(target, path);
  if (result.type !== 'rows') throw new Error(`${path} gave ${result.type}, not rows`);
  return [...result.rows];
}

/** Runs a command that answers `!done`, giving its `=ret=`. */
export function done(target: RouterModel, path: string, attrs: Attrs = {}): string | undefined {
  const result = run(target, path, attrs);
  if (result.type !== 'done') throw new Error(`${path} gave ${result.type}, not done`);
  return result.ret;
}

/** The trap a command is refused with. */
export function trapOf(action: () => unknown): RouterTrap {
  try {
    action();
  } catch (error) {
    if (error instanceof RouterTrap) return error;
    throw error;
  }
  throw new Error('no trap');
}

export function route(target: RouterModel, where: (row: Attrs) => boolean): Attrs {
  const found = [...target.routes.rows()].find(where);
  if (!found) throw new Error('no such route');
  return found;
}

export const byComment = (comment: string) => (row: Attrs) => row.comment === comment;

export interface Collected {
  rows: Attrs[];
  trap: RouterTrap | undefined;
  ended: boolean;
}

/** Starts a stream and collects its rows until it ends or `enough` says so, then stops it. */
export function collect(
  result: CommandResult,
  enough: (rows: Attrs[]) => boolean = () => false,
  timeoutMs = 5000,
): Promise<Collected> {
  if (result.type !== 'stream') throw new Error(`expected a stream, got ${result.type}`);
  return new Promise((resolve, reject) => {
    const collected: Collected = { rows: [], trap: undefined, ended: false };
    let stop: (() => void) | undefined;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stop?.();
      resolve(collected);
    };
    const timer = setTimeout(() => {
      settled = true;
      stop?.();
      reject(new Error(`stream gave ${collected.rows.length} rows in ${timeoutMs} ms`));
    }, timeoutMs);
    stop = result.start({
      row: (attrs) => {
        collected.rows.push(attrs);
        if (enough(collected.rows)) finish();
      },
      end: (trap) => {
        collected.trap = trap;
        collected.ended = true;
        finish();
      },
    });
    if (settled) stop();
  });
}

/** Waits until `check` holds (timers are real: gateway checks, scheduler entries). */
export async function eventually(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
}

/** `20ms123us` → 20.123 */
export function milliseconds(text: string | undefined): number {
  const match = /^(?:(\d+)s)?(?:(\d+)ms)?(?:(\d+)us)?$/.exec(text ?? '');
  if (!match || text === '') throw new Error(`not a RouterOS time: ${text}`);
  return Number(match[1] ?? 0) * 1000 + Number(match[2] ?? 0) + Number(match[3] ?? 0) / 1000;
}

/** The recipe from DESIGN.md for one WAN: a pinned /32 to its probe host and a checked default route. */
export function addRecipeWan(
  target: RouterModel,
  wan: number,
  gateway: string,
  iface: string,
  probe: string,
  distance: number,
) {
  done(target, '/ip/route/add', {
    'dst-address': `${probe}/32`,
    gateway: `${gateway}%${iface}`,
    scope: '10',
    comment: `uplink:wan${wan}:probe`,
  });
  done(target, '/ip/route/add', {
    'dst-address': '0.0.0.0/0',
    gateway: probe,
    'check-gateway': 'ping',
    'target-scope': '11',
    distance: String(distance),
    comment: `uplink:wan${wan}`,
  });
}

/** The two-wan site's plain default routes stand aside, as Uplink's setup leaves them. */
export function removePlainDefaults(target: RouterModel) {
  for (const comment of ['ISP1', 'ISP2']) {
    done(target, '/ip/route/remove', { '.id': route(target, byComment(comment))['.id']! });
  }
}
