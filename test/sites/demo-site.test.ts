// A fresh profile opens onto the built-in demo router with nothing to set up: the "Demo router"
// site exists, its session comes up against the simulator started in-process, and the simulator
// announces itself as a neighbor on loopback.
import { afterEach, expect, it } from 'vitest';
import { type AppContext, createAppContext } from '../../electron/app/app-context';
import { createLogger } from '../../electron/app/logger';
import type { Neighbor } from '../../shared/ipc/channels/sites';
import type { EventName } from '../../shared/ipc/contract';
import type { SessionState } from '../../shared/sessions/session-state';
import type { Site } from '../../shared/sites/site';
import { fastTiming, tempDir } from '../sessions/harness';

const call = { clientId: 'test' };
const contexts: AppContext[] = [];

afterEach(async () => {
  for (const context of contexts.splice(0)) await context.dispose();
});

async function start(profileDir: string) {
  const events: { name: EventName; payload: unknown }[] = [];
  const context = await createAppContext({
    mode: 'web',
    profileDir,
    logger: createLogger(() => undefined),
    neighbors: { host: '127.0.0.1', port: 0 },
    sessionTiming: fastTiming,
    openDemoOnFirstStart: true,
  });
  contexts.push(context);
  context.events.subscribe((name, payload) => events.push({ name, payload }));
  const ask = async <T>(channel: string, arg?: unknown): Promise<T> => {
    const result = await context.dispatch(channel, arg, call);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };
  return { context, events, ask };
}

it('starts a fresh profile on the live demo router, seen as a neighbor; removed, it stays removed', async () => {
  const profileDir = tempDir('demo-profile');
  const { ask } = await start(profileDir);
  const [demo] = await ask<Site[]>('sites.list');
  expect(demo).toMatchObject({
    id: 'demo',
    name: 'Demo router',
    demo: true,
    transport: 'api',
    hasPassword: false,
  });

  await expect
    .poll(async () => (await ask<SessionState[]>('sessions.list'))[0]?.status, {
      timeout: 8000,
      interval: 50,
    })
    .toBe('online');
  const [state] = await ask<SessionState[]>('sessions.list');
  expect(state?.router?.version).toMatch(/^7\./);
  expect(state?.channel).toBe('api');

  await expect
    .poll(async () => (await ask<Neighbor[]>('neighbors.list')).map((neighbor) => neighbor.identity), {
      timeout: 5000,
      interval: 50,
    })
    .toEqual([state?.router?.identity]);
  const [neighbor] = await ask<Neighbor[]>('neighbors.list');
  expect(neighbor).toMatchObject({ address: '127.0.0.1', version: state?.router?.version });

  // The same demo site over SSH reaches the same simulator's SSH door.
  const { id: _, demo: __, hasPassword: ___, ...fields } = demo as Site;
  await ask('sites.update', { siteId: 'demo', site: { ...fields, transport: 'ssh', port: 22 } });
  await expect
    .poll(async () => (await ask<SessionState[]>('sessions.list'))[0]?.channel, {
      timeout: 8000,
      interval: 50,
    })
    .toBe('ssh-cli');

  await ask('sites.remove', { siteId: 'demo' });
  expect(await ask<Site[]>('sites.list')).toEqual([]);
  await contexts.pop()?.dispose();

  const again = await start(profileDir);
  expect(await again.ask<Site[]>('sites.list')).toEqual([]);
  expect(await again.ask<SessionState[]>('sessions.list')).toEqual([]);
});
