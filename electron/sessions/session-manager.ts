import type { EventPayload } from '../../shared/ipc/contract';
import { UplinkError } from '../../shared/ipc/errors';
import { defaultBackoff } from '../../shared/sessions/backoff';
import { grantWarningsMs } from '../../shared/sessions/grant-timing';
import type { SessionState } from '../../shared/sessions/session-state';
import type { Logger } from '../app/logger';
import type { EventHub } from '../ipc/event-hub';
import type { RouterTarget } from '../routeros/connect-router';
import type { RouterClient } from '../routeros/router-client';
import type { Endpoint } from '../routeros/router-errors';
import type { SiteStore, StoredSite } from '../sites/site-store';
import type { TrustStore } from '../trust/trust-store';
import { type SessionTiming, SiteSession } from './site-session';

export const defaultSessionTiming: SessionTiming = {
  connectTimeoutMs: 10_000,
  callTimeoutMs: 10_000,
  keepaliveMs: 10_000,
  backoff: defaultBackoff,
  grantWarningsMs,
};

export interface SessionManagerOptions {
  sites: SiteStore;
  trust: TrustStore;
  events: Pick<EventHub, 'emit'>;
  logger: Logger;
  timing?: Partial<SessionTiming>;
  /** Where a site's router is reached; the demo site's router is started on demand here. */
  resolveEndpoint?(site: StoredSite): Promise<Endpoint>;
}

/**
 * Every open site's session, several at once. Services built on sessions use `client(siteId)` for
 * the live RouterClient, `state`/`onStateChange` to follow a session's status, and `isReadOnly`
 * before any change. The renderer follows every state, uptime refreshes included, through
 * 'sessions.state' events.
 */
export class SessionManager {
  private readonly sessions = new Map<string, SiteSession>();
  private readonly listeners = new Set<(state: SessionState) => void>();
  private readonly timing: SessionTiming;

  constructor(private readonly options: SessionManagerOptions) {
    this.timing = { ...defaultSessionTiming, ...options.timing };
  }

  /** States of every site that has had a session since start; a site not listed is offline. */
  list(): SessionState[] {
    return [...this.sessions.values()].map((session) => session.state());
  }

  state(siteId: string): SessionState | undefined {
    return this.sessions.get(siteId)?.state();
  }

  /** The open session's client. Throws UplinkError `closed` when the site is not online. */
  client(siteId: string): RouterClient {
    const session = this.sessions.get(siteId);
    if (!session)
      throw new UplinkError({
        code: 'closed',
        message: 'The site is not connected. Open its session first.',
      });
    return session.client();
  }

  /** A read-only Transient Access grant: no change may be sent. */
  isReadOnly(siteId: string): boolean {
    return this.options.sites.get(siteId)?.readOnly ?? false;
  }

  /**
   * Called when a site's status changes (online, offline, connecting…), not on the keepalive's
   * refresh of an online session: services start work when a site comes online, and a hundred
   * sites each refreshing every few seconds had them take snapshots and read files over and over.
   */
  onStateChange(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async open(siteId: string): Promise<SessionState> {
    const session = this.session(siteId);
    await session.open();
    return session.state();
  }

  async close(siteId: string): Promise<SessionState> {
    const session = this.sessions.get(siteId);
    if (!session) return { siteId, status: 'offline', readOnly: this.isReadOnly(siteId) };
    await session.close();
    return session.state();
  }

  /** Trusts the key or certificate the session's trust prompt shows, and connects with it. */
  async trust(siteId: string, fingerprint: string): Promise<SessionState> {
    const session = this.sessions.get(siteId);
    if (!session) {
      throw new UplinkError({ code: 'not-found', message: 'No key is waiting to be trusted for this site.' });
    }
    await session.trust(fingerprint, async (prompt, endpoint) => {
      await this.options.trust.pin(prompt.kind, endpoint, fingerprint);
      this.options.logger.info(`site ${siteId}: trusted a new ${prompt.kind}`);
    });
    return session.state();
  }

  /** After an edit: a live session reconnects with the new settings. */
  async siteChanged(siteId: string): Promise<void> {
    await this.sessions.get(siteId)?.siteChanged();
  }

  async siteRemoved(siteId: string): Promise<void> {
    const session = this.sessions.get(siteId);
    this.sessions.delete(siteId);
    await session?.close();
  }

  /** Closes every session cleanly (quit). */
  async dispose(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((session) => session.close()));
  }

  private session(siteId: string): SiteSession {
    const existing = this.sessions.get(siteId);
    if (existing) return existing;
    const { sites, trust, logger } = this.options;
    sites.require(siteId);
    // Read on every use, so an edited or removed site never leaves a session on stale settings.
    const site = () => sites.get(siteId) ?? { id: siteId, reach: 'direct' as const, readOnly: false };
    let logged: string | undefined;
    let told: SessionState['status'] | undefined;
    const session = new SiteSession(siteId, {
      timing: this.timing,
      site,
      target: () => this.target(siteId),
      verify: async (kind, endpoint, fingerprint) => {
        // A demo site's router runs inside this process, with keys it made itself: nothing to check.
        if (sites.get(siteId)?.demo) return;
        trust.verify(kind, endpoint, fingerprint);
      },
      changed: (state) => {
        const line = `${state.status}${state.error ? ` (${state.error.code})` : ''}`;
        // The keepalive refreshes the state (uptime) every few seconds; the log keeps transitions only.
        if (line !== logged) logger.info(`site ${siteId}: ${line}`);
        logged = line;
        this.emit('sessions.state', state);
        if (state.status === told) return;
        told = state.status;
        for (const listener of this.listeners) listener(state);
      },
      notice: (level, message) => this.emit('sessions.notice', { siteId, level, message }),
    });
    this.sessions.set(siteId, session);
    return session;
  }

  private async target(siteId: string): Promise<RouterTarget> {
    const { sites, resolveEndpoint } = this.options;
    const site = sites.require(siteId);
    const endpoint = resolveEndpoint ? await resolveEndpoint(site) : { host: site.address, port: site.port };
    return { ...endpoint, transport: site.transport, user: site.user, password: sites.password(siteId) };
  }

  private emit<K extends 'sessions.state' | 'sessions.notice'>(event: K, payload: EventPayload<K>): void {
    this.options.events.emit(event, payload);
  }
}
