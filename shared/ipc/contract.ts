// The one IPC contract. Main registers a handler per request channel, preload exposes exactly
// these names, the renderer calls them with typed arguments and gets typed answers; the same
// contract runs over Electron IPC and over web mode's WebSocket. Each concern declares its own
// channels in channels/ and is merged here once.
import type { z } from 'zod';
import type { EventChannel, RequestChannel } from './channel';
import { appEvents, appRequests } from './channels/app';
import { applyEvents, applyRequests } from './channels/apply';
import { draftsEvents, draftsRequests } from './channels/drafts';
import { failoverEvents, failoverRequests } from './channels/failover';
import { monitorEvents, monitorRequests } from './channels/monitor';
import { notificationsEvents, notificationsRequests } from './channels/notifications';
import { routesEvents, routesRequests } from './channels/routes';
import { sitesEvents, sitesRequests } from './channels/sites';

export const requests = {
  ...appRequests,
  ...sitesRequests,
  ...routesRequests,
  ...failoverRequests,
  ...applyRequests,
  ...monitorRequests,
  ...notificationsRequests,
  ...draftsRequests,
};

export const events = {
  ...appEvents,
  ...sitesEvents,
  ...routesEvents,
  ...failoverEvents,
  ...applyEvents,
  ...monitorEvents,
  ...notificationsEvents,
  ...draftsEvents,
};

export type Requests = typeof requests;
export type RequestName = keyof Requests;
/** What a caller passes (before parsing: defaults may be omitted). */
export type RequestArg<K extends RequestName> = z.input<Requests[K]['schema']>;
/** What a handler receives (after parsing). */
export type RequestParsed<K extends RequestName> = z.output<Requests[K]['schema']>;
export type ResponseOf<K extends RequestName> =
  Requests[K] extends RequestChannel<z.ZodType, infer R> ? R : never;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = Events[K] extends EventChannel<infer P> ? P : never;

export const requestNames = Object.keys(requests) as RequestName[];
export const eventNames = Object.keys(events) as EventName[];

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(requests, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}
