// Sessions against the demo router over real sockets: connect, read who the router is, survive a
// drop and a stall, refuse a wrong password, an unreachable port and a changed certificate, and
// close at the end of a Transient Access grant.
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoRouter } from '../../electron/demo-router/index';
import { describeProblem } from '../../shared/sessions/session-problem';
import type { SessionState } from '../../shared/sessions/session-state';
import { demoRouter, type Harness, harness, tempDir } from './harness';

let router: DemoRouter;
let h: Harness;

beforeAll(async () => {
  router = await demoRouter({ password: 'router-pass' });
  h = await harness();
});

afterAll(async () => {
  await h.dispose();
  await router.stop();
});

/** A port on loopback that nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A listener that keeps what each connection sends until the first whole API sentence (the login),
 * then hangs up: what a router, or whoever answers at an address, is handed.
 */
async function loginRecorder(): Promise<{ port: number; logins: string[]; server: Server }> {
  const logins: string[] = [];
  const server = createServer((socket) => {
    let received = Buffer.alloc(0);
    socket.on('error', () => undefined);
    socket.on('data', (data) => {
      received = Buffer.concat([received, data]);
      // A sentence ends with a zero-length word.
      if (received.at(-1) !== 0) return;
      logins.push(received.toString('latin1'));
      socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, logins, server };
}

describe('a direct session', () => {
  it('connects over the API and reads identity, version, board and uptime', async () => {
    const siteId = await h.addSite({ port: router.api.port, password: 'router-pass' });
    const state = await h.open(siteId);
    expect(state).toMatchObject({ status: 'online', channel: 'api', readOnly: false });
    const [identity] = await h.sessions.client(siteId).print('/system/identity');
    const [resource] = await h.sessions.client(siteId).print('/system/resource');
    expect(state.router).toEqual({
      identity: identity?.name,
      version: resource?.version,
      board: resource?.['board-name'],
      uptime: expect.any(String),
    });
    expect(state.router?.version).toMatch(/^7\./);
    expect(Date.parse(state.lastSeen ?? '')).toBeGreaterThan(Date.now() - 10_000);
    await h.sessions.close(siteId);
    expect(h.sessions.state(siteId)?.status).toBe('offline');
    expect(() => h.sessions.client(siteId)).toThrow(expect.objectContaining({ code: 'closed' }));
  });

  it("tells services of a status change once, not of the keepalive's refreshes", async () => {
    const siteId = await h.addSite({ port: router.api.port, password: 'router-pass' });
    const told: string[] = [];
    const stop = h.sessions.onStateChange((state) => state.siteId === siteId && told.push(state.status));
    const since = h.mark(siteId);
    await h.open(siteId);
    // Three keepalives (300 ms apart here), each a state for the renderer.
    for (let refresh = 0; refresh < 3; refresh += 1) {
      const seen = h.mark(siteId);
      await h.until(siteId, (state) => state.status === 'online', seen);
    }
    expect(h.mark(siteId) - since).toBeGreaterThanOrEqual(5);
    await h.sessions.close(siteId);
    stop();
    expect(told).toEqual(['connecting', 'online', 'offline']);
  });

  it('connects over API-SSL, pinning the certificate on first use', async () => {
    const siteId = await h.addSite({
      port: router.apiSsl.port,
      transport: 'api-ssl',
      password: 'router-pass',
    });
    const state = await h.open(siteId);
    expect(state).toMatchObject({ status: 'online', channel: 'api-ssl' });
    expect(state.trustPrompt).toBeUndefined();
    await h.sessions.close(siteId);
  });

  it('words a wrong password for a person, and does not retry it', async () => {
    const siteId = await h.addSite({ port: router.api.port, password: 'wrong' });
    const state = await h.open(siteId);
    expect(state.status).toBe('failed');
    expect(state.error).toMatchObject({ code: 'auth' });
    expect(state.error?.message).toMatch(/refused the login for user “admin”: wrong user name or password/);
  });

  it('sends no password after the site is pointed at another port, until it is typed again', async () => {
    const [before, after] = await Promise.all([loginRecorder(), loginRecorder()]);
    try {
      const siteId = await h.addSite({ port: before.port, password: 'router-pass' });
      expect((await h.sessions.open(siteId)).status).toBe('failed');
      expect(before.logins).toEqual([expect.stringContaining('=password=router-pass')]);

      const site = h.sites.require(siteId);
      const moved = await h.sites.update(siteId, { ...site, port: after.port, password: undefined });
      await h.sessions.siteChanged(siteId);
      expect(moved.hasPassword).toBe(false);
      expect((await h.sessions.open(siteId)).status).toBe('failed');
      expect(after.logins).toHaveLength(1);
      expect(after.logins[0]).toContain('=name=admin');
      expect(after.logins[0]).toContain('=password=');
      expect(after.logins[0]).not.toContain('router-pass');
    } finally {
      before.server.close();
      after.server.close();
    }
  });

  it('says a refused port is unreachable, naming the service to check', async () => {
    const siteId = await h.addSite({ port: await closedPort(), password: 'router-pass' });
    const state = await h.open(siteId);
    expect(state.status).toBe('failed');
    expect(state.error?.code).toBe('unreachable');
    expect(state.error?.message).toMatch(
      /refused the connection\. Is the api service enabled in \/ip service/,
    );
  });

  it('reconnects after a dropped connection, showing attempts, then is online again', async () => {
    const siteId = await h.addSite({ port: router.api.port, password: 'router-pass' });
    await h.open(siteId);
    const since = h.mark(siteId);
    router.faults.all({ dropAfterSentences: 0 });
    const reconnecting = await h.until(siteId, (state) => state.status === 'reconnecting', since);
    expect(reconnecting.attempt).toBe(1);
    expect(Date.parse(reconnecting.nextAttemptAt ?? '')).toBeGreaterThan(Date.now() - 1000);
    expect(reconnecting.error?.code).toBe('closed');
    const online = await h.until(siteId, (state) => state.status === 'online', since);
    expect(online.attempt).toBeUndefined();
    expect((await h.sessions.client(siteId).print('/system/identity')).length).toBe(1);
    await h.sessions.close(siteId);
  });

  it('notices a stalled router by its keepalive and reconnects', async () => {
    const siteId = await h.addSite({ port: router.api.port, password: 'router-pass' });
    await h.open(siteId);
    const since = h.mark(siteId);
    router.faults.all({ stall: true });
    const reconnecting = await h.until(siteId, (state) => state.status === 'reconnecting', since);
    expect(reconnecting.error).toMatchObject({
      code: 'timeout',
      message: expect.stringMatching(/stopped answering/),
    });
    await h.until(siteId, (state) => state.status === 'online', since);
    router.faults.clear();
    await h.sessions.close(siteId);
  });

  it('runs several sessions at once', async () => {
    const one = await h.addSite({ port: router.api.port, password: 'router-pass' });
    const two = await h.addSite({ port: router.apiSsl.port, transport: 'api-ssl', password: 'router-pass' });
    const states = await Promise.all([h.open(one), h.open(two)]);
    expect(states.map((state) => state.status)).toEqual(['online', 'online']);
    await Promise.all([h.sessions.close(one), h.sessions.close(two)]);
  });
});

/** Everything the site's problem banner says, title to next step. */
function bannerText(state: SessionState): string {
  const problem = describeProblem(state, state.error);
  return [problem?.title, problem?.detail, problem?.nextStep].filter(Boolean).join('\n');
}

const occurrences = (text: string, phrase: RegExp) => text.match(new RegExp(phrase, 'gi'))?.length ?? 0;

describe('the problem banner', () => {
  it('says each thing once for a wrong port, a wrong password and an ended grant', async () => {
    const wrongPort = await h.open(await h.addSite({ port: await closedPort(), password: 'router-pass' }));
    const portText = bannerText(wrongPort);
    expect(occurrences(portText, /refused the connection/)).toBe(1);
    expect(occurrences(portText, /\/ip service/)).toBe(1);
    expect(occurrences(portText, /127\.0\.0\.1/)).toBe(1);

    const wrongPassword = await h.open(await h.addSite({ port: router.api.port, password: 'nope' }));
    const passwordText = bannerText(wrongPassword);
    expect(occurrences(passwordText, /refused the login/)).toBe(1);
    expect(occurrences(passwordText, /check/)).toBe(1);

    const ended = await h.open(
      await h.addSite({
        port: router.ssh?.port as number,
        transport: 'ssh',
        reach: 'transient',
        expiresAt: new Date(Date.now() - 1000).toISOString(),
      }),
    );
    expect(ended.status).toBe('expired');
    const endedText = bannerText(ended);
    expect(occurrences(endedText, /expired/)).toBe(1);
    expect(occurrences(endedText, /session was closed/)).toBe(1);
    expect(occurrences(endedText, /Edit site/)).toBe(1);
  });
});

describe('Transient Access', () => {
  it('warns before the grant ends, then closes the session with a plain message', async () => {
    const grant = await harness({ keepaliveMs: 5000, grantWarningsMs: [2000, 1000] });
    try {
      const expiresAt = new Date(Date.now() + 2500).toISOString();
      const siteId = await grant.addSite({
        port: router.ssh?.port as number,
        password: 'router-pass',
        reach: 'transient',
        transport: 'ssh',
        expiresAt,
        readOnly: true,
      });
      expect(grant.sessions.isReadOnly(siteId)).toBe(true);
      const opened = await grant.open(siteId);
      expect(opened).toMatchObject({ status: 'online', readOnly: true, expiresAt });
      const expired = await grant.until(siteId, (state) => state.status === 'expired');
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(expiresAt));
      expect(expired.error?.message).toMatch(/grant expired, so its session was closed/);
      expect(() => grant.sessions.client(siteId)).toThrow(expect.objectContaining({ code: 'closed' }));
      expect(grant.notices(siteId).filter((notice) => notice.level !== 'info')).toEqual([
        { siteId, level: 'warning', message: expect.stringMatching(/ends in 2 seconds/) },
        { siteId, level: 'warning', message: expect.stringMatching(/ends in 1 second/) },
        { siteId, level: 'error', message: expect.stringMatching(/expired/) },
      ]);
    } finally {
      await grant.dispose();
    }
  });

  it('does not connect on a grant that has already ended', async () => {
    const siteId = await h.addSite({
      port: router.ssh?.port as number,
      reach: 'transient',
      transport: 'ssh',
      expiresAt: new Date(Date.now() - 1000).toISOString(),
    });
    const state = await h.open(siteId);
    expect(state.status).toBe('expired');
  });
});

describe('trust on first use for API-SSL', () => {
  it('asks once per router: a second site on the same address and port uses the pinned key', async () => {
    const own = await harness();
    try {
      for (const [transport, port] of [
        ['api-ssl', router.apiSsl.port],
        ['ssh', router.ssh?.port as number],
      ] as const) {
        const first = await own.addSite({ port, transport, password: 'router-pass' });
        const asked = await own.sessions.open(first);
        expect(asked.trustPrompt?.fingerprint).toEqual(expect.any(String));
        await own.sessions.trust(first, asked.trustPrompt?.fingerprint as string);

        const second = await own.addSite({ name: 'Same router', port, transport, password: 'router-pass' });
        const state = await own.sessions.open(second);
        expect(state).toMatchObject({ status: 'online' });
        expect(state.trustPrompt).toBeUndefined();
      }
    } finally {
      await own.dispose();
    }
  });

  it('refuses a changed certificate with both fingerprints until it is trusted', async () => {
    const first = await demoRouter({ password: 'router-pass' });
    const apiSslPort = first.apiSsl.port;
    const siteId = await h.addSite({ port: apiSslPort, transport: 'api-ssl', password: 'router-pass' });
    const asked = await h.sessions.open(siteId);
    expect(asked.error?.message).toMatch(/First connection to this router over API-SSL/);
    expect(asked.trustPrompt).toEqual({
      kind: 'tls-certificate',
      fingerprint: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
    });
    expect((await h.sessions.trust(siteId, asked.trustPrompt?.fingerprint as string)).status).toBe('online');
    await h.sessions.close(siteId);
    await first.stop();

    // Same address and port, another certificate: a reset router, or someone in between.
    const second = await demoRouter({ password: 'router-pass', apiSslPort, dataDir: tempDir('other-keys') });
    try {
      const refused = await h.sessions.open(siteId);
      expect(refused.status).toBe('failed');
      expect(refused.error?.code).toBe('trust');
      expect(refused.trustPrompt?.kind).toBe('tls-certificate');
      expect(refused.trustPrompt?.previous).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      expect(refused.trustPrompt?.fingerprint).not.toBe(refused.trustPrompt?.previous);
      await expect(h.sessions.trust(siteId, 'AB:CD')).rejects.toMatchObject({ code: 'invalid' });
      const trusted = await h.sessions.trust(siteId, refused.trustPrompt?.fingerprint as string);
      expect(trusted.status).toBe('online');
      await h.sessions.close(siteId);
      expect((await h.open(siteId)).status).toBe('online');
      await h.sessions.close(siteId);
    } finally {
      await second.stop();
    }
  });
});
