import type { IpcError } from '../../shared/ipc/errors';
import { UplinkError } from '../../shared/ipc/errors';
import { type Backoff, reconnectDelay } from '../../shared/sessions/backoff';
import { grantExpiredMessage, grantSchedule } from '../../shared/sessions/grant-timing';
import type {
  RouterSummary,
  SessionState,
  SessionStatus,
  TrustPrompt,
} from '../../shared/sessions/session-state';
import { type ConnectedRouter, connectRouter, type RouterTarget } from '../routeros/connect-router';
import { type RouterClient, RouterError } from '../routeros/router-client';
import { type Endpoint, endpointText, TrustError } from '../routeros/router-errors';
import { readSeenFrom } from './seen-from';

export interface SessionTiming {
  /** Handshake and login. */
  connectTimeoutMs: number;
  /** Any one call, the keepalive's included. */
  callTimeoutMs: number;
  /** How often an idle session checks the router still answers. */
  keepaliveMs: number;
  backoff: Backoff;
  /** Notices before a grant ends, in ms before its end. */
  grantWarningsMs: readonly number[];
}

/** What a session needs of its site, read afresh on every (re)connect. */
export interface SessionSite {
  id: string;
  reach: 'direct' | 'transient';
  expiresAt?: string;
  readOnly: boolean;
}

export interface SessionDeps {
  timing: SessionTiming;
  site(): SessionSite;
  /** Where and as whom to connect now (the demo site's router is started here). */
  target(): Promise<RouterTarget>;
  /** Checks a presented key against its pin; rejects with a TrustError to refuse. */
  verify(kind: TrustPrompt['kind'], endpoint: Endpoint, fingerprint: string): Promise<void>;
  changed(state: SessionState): void;
  notice(level: 'info' | 'warning' | 'error', message: string): void;
}

/** A refused key, with where it was presented, so trusting it pins the right endpoint. */
interface PendingTrust {
  prompt: TrustPrompt;
  endpoint: Endpoint;
}

/** setTimeout fires at once for longer waits. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

function asIpcError(error: unknown): IpcError {
  if (error instanceof UplinkError) return { code: error.code, message: error.message };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

/**
 * One open site: connects, keeps the connection alive, reconnects with backoff after a drop, and
 * closes at the end of a Transient Access grant. Every change of what the UI shows goes out
 * through `changed`.
 */
export class SiteSession {
  private status: SessionStatus = 'offline';
  private connected: ConnectedRouter | undefined;
  private router: RouterSummary | undefined;
  private seenFrom: string | undefined;
  private lastSeen: string | undefined;
  private error: IpcError | undefined;
  private attempt: number | undefined;
  private nextAttemptAt: string | undefined;
  private pendingTrust: PendingTrust | undefined;
  private endpoint: string | undefined;
  /** Bumped by open and close: an attempt that finds it changed has been overtaken and backs out. */
  private generation = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private keepaliveTimer: NodeJS.Timeout | undefined;
  private grantTimers: NodeJS.Timeout[] = [];
  private stopListening: (() => void) | undefined;

  constructor(
    readonly siteId: string,
    private readonly deps: SessionDeps,
  ) {}

  state(): SessionState {
    const site = this.deps.site();
    return {
      siteId: this.siteId,
      status: this.status,
      readOnly: site.readOnly,
      ...(site.reach === 'transient' && site.expiresAt !== undefined && { expiresAt: site.expiresAt }),
      ...(this.connected && this.status === 'online' && { channel: this.connected.channel }),
      ...(this.endpoint && { endpoint: this.endpoint }),
      ...(this.router && { router: this.router }),
      ...(this.seenFrom && this.status === 'online' && { seenFrom: this.seenFrom }),
      ...(this.lastSeen && { lastSeen: this.lastSeen }),
      ...(this.error && { error: this.error }),
      ...(this.attempt !== undefined && { attempt: this.attempt }),
      ...(this.nextAttemptAt && { nextAttemptAt: this.nextAttemptAt }),
      ...(this.pendingTrust && { trustPrompt: this.pendingTrust.prompt }),
    };
  }

  /** The online session's client; a `closed` error otherwise. */
  client(): RouterClient {
    if (this.status !== 'online' || !this.connected) {
      throw new RouterError('closed', 'The site is not connected. Open its session first.');
    }
    return this.connected.client;
  }

  get active(): boolean {
    return this.status === 'online' || this.status === 'connecting' || this.status === 'reconnecting';
  }

  /** Connects (unless already connected or connecting); resolves when the first attempt has settled. */
  async open(): Promise<void> {
    if (this.active) return;
    this.reset();
    const generation = ++this.generation;
    const site = this.deps.site();
    if (site.reach === 'transient') {
      const expiresAt = Date.parse(site.expiresAt ?? '');
      if (!(expiresAt > Date.now())) return this.expire();
      this.scheduleGrant(expiresAt);
    }
    this.set('connecting');
    await this.connect(generation, 'open');
  }

  /** Trusts the fingerprint the refused connection presented, and connects with it. */
  async trust(fingerprint: string, pin: (prompt: TrustPrompt, endpoint: Endpoint) => Promise<void>) {
    const pending = this.pendingTrust;
    if (!pending || pending.prompt.fingerprint !== fingerprint) {
      throw new UplinkError({
        code: 'invalid',
        message: 'That is not the key the router presented. Connect again to see the current one.',
      });
    }
    await pin(pending.prompt, pending.endpoint);
    this.pendingTrust = undefined;
    await this.open();
  }

  /** Closes cleanly: stops timers, ends the connection, and says offline (or expired). */
  async close(): Promise<void> {
    await this.shutDown('offline');
  }

  /** The site was edited: a live session reconnects with the new settings; a grant's timers follow its new end. */
  async siteChanged(): Promise<void> {
    // Known again at the next connect: the edit may have moved it.
    this.endpoint = undefined;
    if (!this.active) return this.changed();
    await this.shutDown('offline');
    await this.open();
  }

  private async connect(generation: number, why: 'open' | 'retry'): Promise<void> {
    let connected: ConnectedRouter | undefined;
    try {
      const target = await this.deps.target();
      this.endpoint = endpointText(target);
      connected = await connectRouter(target, this.deps.timing, async (kind, fingerprint) => {
        try {
          await this.deps.verify(kind, target, fingerprint);
        } catch (error) {
          if (error instanceof TrustError) this.pendingTrust = { prompt: error.prompt, endpoint: target };
          throw error;
        }
      });
      const [summary, seenFrom] = await Promise.all([
        readSummary(connected.client),
        readSeenFrom(connected.client, { user: target.user, channel: connected.channel }),
      ]);
      if (generation !== this.generation) return void connected.client.close();
      this.online(connected, summary, seenFrom);
    } catch (error) {
      void connected?.client.close();
      if (generation !== this.generation) return;
      this.failed(error, why);
    }
  }

  private online(connected: ConnectedRouter, summary: RouterSummary, seenFrom: string | undefined): void {
    this.connected = connected;
    this.router = summary;
    this.seenFrom = seenFrom;
    this.lastSeen = new Date().toISOString();
    this.error = undefined;
    this.attempt = undefined;
    this.nextAttemptAt = undefined;
    this.pendingTrust = undefined;
    this.stopListening = connected.client.onLost((error) => this.dropped(connected, error));
    this.set('online');
    this.scheduleKeepalive(connected);
  }

  private failed(error: unknown, why: 'open' | 'retry'): void {
    this.error = asIpcError(error);
    const hopeless = error instanceof UplinkError && (error.code === 'auth' || error.code === 'trust');
    if (why === 'retry' && !hopeless) {
      this.scheduleRetry((this.attempt ?? 0) + 1);
      return;
    }
    this.attempt = undefined;
    this.nextAttemptAt = undefined;
    const firstContact = error instanceof TrustError && error.prompt.previous === undefined;
    this.set(firstContact ? 'awaiting-trust' : 'failed');
  }

  /** The connection died under an online session: reconnect, with backoff. */
  private dropped(connected: ConnectedRouter, error: RouterError): void {
    if (this.connected !== connected || this.status !== 'online') return;
    this.releaseConnection();
    this.error = asIpcError(error);
    this.scheduleRetry(1);
  }

  private scheduleRetry(attempt: number): void {
    const delay = reconnectDelay(attempt, this.deps.timing.backoff);
    this.attempt = attempt;
    this.nextAttemptAt = new Date(Date.now() + delay).toISOString();
    this.set('reconnecting');
    const generation = this.generation;
    this.retryTimer = setTimeout(() => {
      this.nextAttemptAt = undefined;
      this.changed();
      void this.connect(generation, 'retry');
    }, delay);
  }

  private scheduleKeepalive(connected: ConnectedRouter): void {
    this.keepaliveTimer = setTimeout(async () => {
      try {
        const [resource] = await connected.client.print('/system/resource');
        if (this.connected !== connected) return;
        if (this.router && resource?.uptime) this.router = { ...this.router, uptime: resource.uptime };
        this.lastSeen = new Date().toISOString();
        this.changed();
        this.scheduleKeepalive(connected);
      } catch (error) {
        // A router that stops answering is as gone as one that hung up.
        const silent =
          error instanceof RouterError && error.code === 'timeout'
            ? new RouterError('timeout', 'The router stopped answering; reconnecting.')
            : error instanceof RouterError
              ? error
              : new RouterError('closed', String(error));
        void connected.client.close();
        this.dropped(connected, silent);
      }
    }, this.deps.timing.keepaliveMs);
  }

  private scheduleGrant(expiresAt: number): void {
    for (const event of grantSchedule(expiresAt, Date.now(), this.deps.timing.grantWarningsMs)) {
      this.at(event.at, () =>
        event.kind === 'warning' ? this.deps.notice('warning', event.message) : void this.expire(),
      );
    }
  }

  /** Runs `task` at `time`, even beyond setTimeout's ~24.8-day limit (a typed-in far expiry). */
  private at(time: number, task: () => void): void {
    const wait = time - Date.now();
    const timer = setTimeout(
      () => {
        this.grantTimers = this.grantTimers.filter((other) => other !== timer);
        if (wait > MAX_TIMEOUT_MS) this.at(time, task);
        else task();
      },
      Math.min(wait, MAX_TIMEOUT_MS),
    );
    this.grantTimers.push(timer);
  }

  private async expire(): Promise<void> {
    this.deps.notice('error', grantExpiredMessage);
    await this.shutDown('expired', { code: 'closed', message: grantExpiredMessage });
  }

  private async shutDown(status: 'offline' | 'expired', error?: IpcError): Promise<void> {
    this.generation++;
    const connected = this.connected;
    this.reset();
    this.error = error;
    this.set(status);
    await connected?.client.close();
  }

  /** Forgets the connection and every timer; the state fields that describe it are cleared too. */
  private reset(): void {
    this.releaseConnection();
    clearTimeout(this.retryTimer);
    for (const timer of this.grantTimers) clearTimeout(timer);
    this.grantTimers = [];
    this.error = undefined;
    this.attempt = undefined;
    this.nextAttemptAt = undefined;
    this.pendingTrust = undefined;
  }

  private releaseConnection(): void {
    clearTimeout(this.keepaliveTimer);
    this.stopListening?.();
    this.stopListening = undefined;
    this.connected = undefined;
  }

  private set(status: SessionStatus): void {
    this.status = status;
    this.changed();
  }

  private changed(): void {
    this.deps.changed(this.state());
  }
}

/** Who the router is: identity, RouterOS version, board and uptime. */
async function readSummary(client: RouterClient): Promise<RouterSummary> {
  const [[identity], [resource]] = await Promise.all([
    client.print('/system/identity'),
    client.print('/system/resource'),
  ]);
  return {
    identity: identity?.name ?? '',
    version: resource?.version ?? '',
    board: resource?.['board-name'] ?? '',
    uptime: resource?.uptime ?? '',
  };
}
