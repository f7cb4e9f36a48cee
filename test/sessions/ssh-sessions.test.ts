// SSH sessions against the demo router: the CLI over SSH where the router forwards nothing, the
// API through an SSH tunnel where it does, and the host key trusted on first use.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoRouter } from '../../electron/demo-router/index';
import { demoRouter, type Harness, harness, tempDir } from './harness';

let router: DemoRouter;
let h: Harness;

beforeAll(async () => {
  router = await demoRouter({ password: 'ssh-pass' });
  h = await harness();
});

afterAll(async () => {
  await h.dispose();
  await router.stop();
});

const sshPort = () => router.ssh?.port as number;

describe('an SSH session', () => {
  it('reads who the router is and works on its routes through the console', async () => {
    const siteId = await h.addSite({ port: sshPort(), transport: 'ssh', password: 'ssh-pass' });
    const state = await h.open(siteId);
    expect(state).toMatchObject({ status: 'online', channel: 'ssh-cli' });
    expect(state.router?.version).toMatch(/^7\./);
    expect(state.router?.identity).not.toBe('');

    const client = h.sessions.client(siteId);
    const defaults = await client.print('/ip/route', { query: ['dst-address=0.0.0.0/0'] });
    expect(defaults.length).toBeGreaterThan(0);
    for (const route of defaults) expect(route['dst-address']).toBe('0.0.0.0/0');
    expect(await client.print('/ip/route', { query: ['dst-address=203.0.113.9/32'] })).toEqual([]);

    const { ret } = await client.run('/ip/route/add', {
      'dst-address': '198.51.100.0/24',
      gateway: '10.99.0.1',
      comment: 'over ssh',
    });
    expect(ret).toMatch(/^\*[0-9A-F]+$/i);
    const [added] = await client.print('/ip/route', { query: [`comment=over ssh`] });
    expect(added).toMatchObject({ '.id': ret, 'dst-address': '198.51.100.0/24' });
    await client.run('/ip/route/set', { '.id': ret as string, distance: 7 });
    expect((await client.print('/ip/route', { query: [`.id=${ret}`] }))[0]?.distance).toBe('7');
    await client.run('/ip/route/remove', { '.id': ret as string });
    await expect(client.run('/ip/route/remove', { '.id': ret as string })).rejects.toMatchObject({
      code: 'trap',
    });
    await h.sessions.close(siteId);
  });

  it('runs the API through an SSH tunnel where the router forwards to its API port', async () => {
    await router.router.runScript('/ip ssh set forwarding-enabled=local');
    try {
      const siteId = await h.addSite({ port: sshPort(), transport: 'ssh', password: 'ssh-pass' });
      const state = await h.open(siteId);
      expect(state).toMatchObject({ status: 'online', channel: 'ssh-api' });
      const [identity] = await h.sessions.client(siteId).print('/system/identity');
      expect(state.router?.identity).toBe(identity?.name);
      // The API's own replies come through: an empty print, and a stream.
      expect(
        await h.sessions.client(siteId).print('/ip/route', { query: ['dst-address=203.0.113.9/32'] }),
      ).toEqual([]);
      await h.sessions.close(siteId);
    } finally {
      await router.router.runScript('/ip ssh set forwarding-enabled=no');
    }
  });

  it('refuses a wrong password in plain words', async () => {
    const siteId = await h.addSite({ port: sshPort(), transport: 'ssh', password: 'nope' });
    const state = await h.open(siteId);
    expect(state.status).toBe('failed');
    expect(state.error?.code).toBe('auth');
    expect(state.error?.message).toMatch(/wrong user name or password/);
  });

  it('pins the host key on first use and refuses a changed one until it is trusted', async () => {
    const first = await demoRouter({ password: 'ssh-pass' });
    const port = first.ssh?.port as number;
    const siteId = await h.addSite({ port, transport: 'ssh', password: 'ssh-pass' });
    const asked = await h.sessions.open(siteId);
    expect(asked).toMatchObject({ status: 'awaiting-trust', error: { code: 'trust' } });
    expect(asked.error?.message).toMatch(/First connection to this router over SSH/);
    expect(asked.trustPrompt).toEqual({
      kind: 'ssh-host-key',
      fingerprint: expect.stringMatching(/^SHA256:[A-Za-z0-9+/]{43}$/),
    });
    expect((await h.sessions.trust(siteId, asked.trustPrompt?.fingerprint as string)).status).toBe('online');
    await h.sessions.close(siteId);
    expect((await h.sessions.open(siteId)).status).toBe('online');
    await h.sessions.close(siteId);
    await first.stop();

    const second = await demoRouter({
      password: 'ssh-pass',
      sshPort: port,
      dataDir: tempDir('other-host-key'),
    });
    try {
      const refused = await h.sessions.open(siteId);
      expect(refused).toMatchObject({ status: 'failed', error: { code: 'trust' } });
      expect(refused.error?.message).toMatch(/SSH host key has changed/);
      expect(refused.trustPrompt).toMatchObject({
        kind: 'ssh-host-key',
        fingerprint: expect.stringMatching(/^SHA256:[A-Za-z0-9+/]{43}$/),
        previous: expect.stringMatching(/^SHA256:/),
      });
      expect(refused.trustPrompt?.fingerprint).not.toBe(refused.trustPrompt?.previous);
      const trusted = await h.sessions.trust(siteId, refused.trustPrompt?.fingerprint as string);
      expect(trusted.status).toBe('online');
      await h.sessions.close(siteId);
    } finally {
      await second.stop();
    }
  });
});
