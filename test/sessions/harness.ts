// Sessions against a real demo router on loopback: a temporary profile (sites, secrets, pins), a
// SessionManager with short timings, and helpers to wait for the states it goes through.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../electron/app/logger';
import { type DemoRouter, type DemoRouterOptions, startDemoRouter } from '../../electron/demo-router/index';
import { SecretStore } from '../../electron/secrets/secret-store';
import { SessionManager } from '../../electron/sessions/session-manager';
import type { SessionTiming } from '../../electron/sessions/site-session';
import { SiteStore } from '../../electron/sites/site-store';
import { TrustStore } from '../../electron/trust/trust-store';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import type { SessionState } from '../../shared/sessions/session-state';
import { type SiteInput, siteInputSchema } from '../../shared/sites/site';

export const tempDir = (prefix: string) => mkdtempSync(join(tmpdir(), `uplink-${prefix}-`));

export const fastTiming: Partial<SessionTiming> = {
  connectTimeoutMs: 3000,
  callTimeoutMs: 1000,
  keepaliveMs: 300,
  backoff: { initialMs: 100, maxMs: 400 },
};

/** The demo router on loopback with SSH on and a data dir of its own (a fresh one, unless given). */
export function demoRouter(options: DemoRouterOptions = {}): Promise<DemoRouter> {
  return startDemoRouter({
    sshPort: 0,
    scenario: 'two-wan',
    dataDir: tempDir('demo-router'),
    onInternalError: (error) => {
      throw error;
    },
    ...options,
  });
}

export interface Harness {
  sessions: SessionManager;
  sites: SiteStore;
  events: { name: EventName; payload: unknown }[];
  logLines: string[];
  profileDir: string;
  addSite(input: Partial<SiteInput> & Pick<SiteInput, 'port'>): Promise<string>;
  /** Opens the site as the technician does: a first key or certificate shown is checked and trusted. */
  open(siteId: string): Promise<SessionState>;
  /** How many states the site has gone through so far: a starting point for `until`. */
  mark(siteId: string): number;
  /** Resolves with the first state since `since` (already reached, or coming) that `test` accepts. */
  until(siteId: string, test: (state: SessionState) => boolean, since?: number): Promise<SessionState>;
  notices(siteId: string): EventPayload<'sessions.notice'>[];
  dispose(): Promise<void>;
}

export async function harness(
  timing: Partial<SessionTiming> = fastTiming,
  profileDir = tempDir('profile'),
): Promise<Harness> {
  const secrets = await SecretStore.open(profileDir);
  const trust = await TrustStore.open(profileDir);
  const sites = await SiteStore.open({ profileDir, secrets });
  const events: Harness['events'] = [];
  const logLines: string[] = [];
  const states = new Map<string, SessionState[]>();
  const waiters = new Set<() => void>();
  const sessions = new SessionManager({
    sites,
    trust,
    logger: createLogger((line) => logLines.push(line)),
    timing,
    events: {
      emit: (name, payload) => {
        events.push({ name, payload });
        if (name === 'sessions.state') {
          const state = payload as SessionState;
          states.set(state.siteId, [...(states.get(state.siteId) ?? []), state]);
          for (const wake of waiters) wake();
        }
      },
    },
  });
  return {
    sessions,
    sites,
    events,
    logLines,
    profileDir,
    addSite: async (input) => {
      const site = await sites.create(
        siteInputSchema.parse({
          name: 'Test router',
          address: '127.0.0.1',
          transport: 'api',
          user: 'admin',
          ...input,
        }),
      );
      return site.id;
    },
    open: async (siteId) => {
      const state = await sessions.open(siteId);
      const prompt = state.trustPrompt;
      if (!prompt || prompt.previous !== undefined) return state;
      return sessions.trust(siteId, prompt.fingerprint);
    },
    mark: (siteId) => states.get(siteId)?.length ?? 0,
    until: (siteId, test, since = 0) =>
      new Promise((resolve, reject) => {
        const timeoutMs = 8000;
        const check = () => {
          const found = states.get(siteId)?.slice(since).find(test);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          const seen = (states.get(siteId) ?? []).map((state) => state.status).join(' → ');
          reject(new Error(`no such session state within ${timeoutMs} ms; seen: ${seen || 'nothing'}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    notices: (siteId) =>
      events
        .filter((event) => event.name === 'sessions.notice')
        .map((event) => event.payload as EventPayload<'sessions.notice'>)
        .filter((notice) => notice.siteId === siteId),
    dispose: () => sessions.dispose(),
  };
}
