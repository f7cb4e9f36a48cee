import type { AppMode } from '../../shared/ipc/channels/app';
import { type CallContext, createDispatcher, type Dispatch, type Handlers } from '../ipc/dispatcher';
import { EventHub } from '../ipc/event-hub';
import { appInfo } from './app-info';
import { createLogger, type Logger } from './logger';

export interface AppContextOptions {
  mode: AppMode;
  /** Where sites, pinned keys, secrets, snapshots and drafts live. */
  profileDir: string;
  logger?: Logger;
}

/**
 * Everything main owns, composed once and shared by whichever transport serves it: Electron's
 * ipcMain, or web mode's WebSocket. Transports call `dispatch`, subscribe to `events`, and report
 * when a client goes away so its per-client state can be dropped.
 */
export interface AppContext {
  readonly dispatch: Dispatch;
  readonly events: EventHub;
  readonly logger: Logger;
  clientGone(context: CallContext): void;
  dispose(): Promise<void>;
}

/** What each concern's service hands the composition: its handlers, and its own cleanup. */
export interface ServiceParts<K extends keyof Handlers> {
  handlers: Pick<Handlers, K>;
  clientGone?(context: CallContext): void;
  dispose?(): Promise<void>;
}

export async function createAppContext(options: AppContextOptions): Promise<AppContext> {
  const logger = options.logger ?? createLogger();
  const events = new EventHub();
  const parts: ServiceParts<keyof Handlers>[] = [];
  const handlers: Handlers = {
    'app.info': () => appInfo(options.mode),
  };
  const dispatch = createDispatcher(handlers, (error) => logger.error('request failed', error));
  return {
    dispatch,
    events,
    logger,
    clientGone: (context) => {
      for (const part of parts) part.clientGone?.(context);
    },
    // Later services depend on earlier ones (sessions on sites): tear down in reverse.
    dispose: async () => {
      for (const part of [...parts].reverse()) await part.dispose?.();
    },
  };
}
