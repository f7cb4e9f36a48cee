import type { Logger } from '../app/logger';
import type { ServiceParts } from '../app/service-parts';
import type { EventHub } from '../ipc/event-hub';
import { NeighborWatcher, type NeighborWatcherOptions } from './neighbor-watcher';

export interface NeighborsService extends ServiceParts<'neighbors.list'> {
  /** The port neighbors are listened for on, when listening works. */
  port(): number | undefined;
}

/**
 * Lists the routers announcing themselves nearby. Listening can fail (the port is taken without
 * sharing, or the OS refuses): then the list stays empty and the app carries on.
 */
export async function createNeighborsService(
  events: Pick<EventHub, 'emit'>,
  logger: Logger,
  listen: Omit<NeighborWatcherOptions, 'onChange'> = {},
): Promise<NeighborsService> {
  const watcher = await NeighborWatcher.start({
    ...listen,
    onChange: (neighbors) => events.emit('neighbors.changed', neighbors),
  }).catch((error: unknown) => {
    logger.warn('neighbor discovery is off: could not listen for MNDP announcements', error);
    return undefined;
  });
  return {
    handlers: { 'neighbors.list': () => watcher?.list() ?? [] },
    port: () => watcher?.port,
    dispose: async () => {
      await watcher?.stop();
    },
  };
}
