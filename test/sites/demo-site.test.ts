// A fresh profile opens onto the built-in demo router with nothing to set up: the "Demo router"
// site exists, its session comes up against the simulator started in-process, and the simulator
// announces itself as a neighbor on loopback.
import { connect } from 'node:net';
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

/** Resolves once something accepts a connection at `host:port`. */
function listening(endpoint: string): Promise<void> {
  const [host, port] = endpoint.split(':');
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), host as string, () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
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
  // The header shows where the simulator really listens, not the site's placeholder 127.0.0.1:8728.
  const apiEndpoint = state?.endpoint ?? '';
  expect(apiEndpoint).toMatch(/^127\.0\.0\.1:\d+$/);
  expect(apiEndpoint).not.toBe(`${demo?.address}:${demo?.port}`);
  await listening(apiEndpoint);

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
  const sshEndpoint = (await ask<SessionState[]>('sessions.list'))[0]?.endpoint ?? '';
  expect(sshEndpoint).not.toBe(apiEndpoint);
  await listening(sshEndpoint);

  await ask('sites.remove', { siteId: 'demo' });
  expect(await ask<Site[]>('sites.list')).toEqual([]);
  await contexts.pop()?.dispose();

  const again = await start(profileDir);
  expect(await again.ask<Site[]>('sites.list')).toEqual([]);
  expect(await again.ask<SessionState[]>('sessions.list')).toEqual([]);
});
