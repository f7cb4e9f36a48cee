import { join } from 'node:path';
import {
  completeLayout,
  defaultRouteLayout,
  type RouteLayout,
  routeLayoutSchema,
} from '../../shared/routes/route-layout';
import type { Logger } from '../app/logger';
import type { ServiceParts } from '../app/service-parts';
import type { EventHub } from '../ipc/event-hub';
import { JsonFile } from '../sites/json-file';

export interface RouteLayoutOptions {
  profileDir: string;
  events: Pick<EventHub, 'emit'>;
  logger?: Logger;
}

/**
 * The columns of IP → Routes as the technician arranged them, one file in the profile. A file
 * that does not parse (hand-edited, or from another version) costs the arrangement, never the table.
 */
export function createRouteLayoutStore(
  options: RouteLayoutOptions,
): ServiceParts<'routes.layout' | 'routes.setLayout'> {
  const file = new JsonFile<unknown>(join(options.profileDir, 'routes', 'layout.json'));
  let layout = defaultRouteLayout;
  const loaded = file.read().then(
    (stored) => {
      if (stored === undefined) return;
      const parsed = routeLayoutSchema.safeParse(stored);
      if (parsed.success) layout = completeLayout(parsed.data);
      else options.logger?.error('routes: the saved column layout is not valid; the default is used');
    },
    (error: unknown) => options.logger?.error('routes: the column layout could not be read', error),
  );

  return {
    handlers: {
      'routes.layout': async () => {
        await loaded;
        return layout;
      },
      'routes.setLayout': async (next: RouteLayout) => {
        await loaded;
        layout = completeLayout(next);
        await file.write(layout);
        options.events.emit('routes.layoutChanged', layout);
        return layout;
      },
    },
  };
}
