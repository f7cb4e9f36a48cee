import { create } from 'zustand';
import type { IpcError } from '../../../shared/ipc/errors';
import { UplinkError } from '../../../shared/ipc/errors';
import type { SessionState } from '../../../shared/sessions/session-state';
import { invoke } from '../ipc/client';

export type SessionRequest = 'open' | 'close' | 'trust';

interface SessionsState {
  /** The latest state main reported per site (sessions.list, then sessions.state events). */
  bySite: Record<string, SessionState>;
  /** A request in flight per site, so its button shows busy and is not pressed twice. */
  pending: Record<string, SessionRequest>;
  /** A request main refused outright (as opposed to a session that failed, which is in its state). */
  requestErrors: Record<string, IpcError>;
  load(): Promise<void>;
  receive(state: SessionState): void;
  /** Drops what is known about sites that no longer exist. */
  retain(siteIds: readonly string[]): void;
  open(siteId: string): Promise<void>;
  close(siteId: string): Promise<void>;
  trust(siteId: string, fingerprint: string): Promise<void>;
}

function asIpcError(error: unknown): IpcError {
  if (error instanceof UplinkError) return error.toJSON();
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const { [key]: _, ...rest } = record;
  return rest;
}

export const useSessionsStore = create<SessionsState>()((set, get) => {
  const run = async (siteId: string, request: SessionRequest, call: () => Promise<SessionState>) => {
    set((state) => ({
      pending: { ...state.pending, [siteId]: request },
      requestErrors: without(state.requestErrors, siteId),
    }));
    try {
      get().receive(await call());
    } catch (error) {
      set((state) => ({ requestErrors: { ...state.requestErrors, [siteId]: asIpcError(error) } }));
    } finally {
      set((state) => ({ pending: without(state.pending, siteId) }));
    }
  };

  return {
    bySite: {},
    pending: {},
    requestErrors: {},
    load: async () => {
      const states = await invoke('sessions.list');
      set({ bySite: Object.fromEntries(states.map((state) => [state.siteId, state])) });
    },
    receive: (session) => set((state) => ({ bySite: { ...state.bySite, [session.siteId]: session } })),
    retain: (siteIds) =>
      set((state) => {
        const keep = new Set(siteIds);
        const pick = <T>(record: Record<string, T>) =>
          Object.fromEntries(Object.entries(record).filter(([siteId]) => keep.has(siteId)));
        return {
          bySite: pick(state.bySite),
          pending: pick(state.pending),
          requestErrors: pick(state.requestErrors),
        };
      }),
    open: (siteId) => run(siteId, 'open', () => invoke('sessions.open', { siteId })),
    close: (siteId) => run(siteId, 'close', () => invoke('sessions.close', { siteId })),
    trust: (siteId, fingerprint) =>
      run(siteId, 'trust', () => invoke('sessions.trust', { siteId, fingerprint })),
  };
});

/** A site main has not reported on yet is simply offline. */
export function offlineSession(siteId: string): SessionState {
  return { siteId, status: 'offline', readOnly: false };
}

export const selectSession =
  (siteId: string) =>
  (state: SessionsState): SessionState | undefined =>
    state.bySite[siteId];
