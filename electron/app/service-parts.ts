import type { CallContext, Handlers } from '../ipc/dispatcher';

/**
 * What each concern's service hands the composition (app-context): its handlers, and its own
 * cleanup. Apart from the composition so that services do not import the file that imports them.
 */
export interface ServiceParts<K extends keyof Handlers> {
  handlers: Pick<Handlers, K>;
  clientGone?(context: CallContext): void;
  dispose?(): Promise<void>;
}
