import { z } from 'zod';
import { event, request } from '../channel';

export type AppMode = 'electron' | 'web';

/** A profile file that could not be read at start, moved aside so the app could start without it. */
export interface ProfileRepair {
  /** Relative to the profile folder: `sites.json`. */
  file: string;
  /** Where it was moved: `sites.json.broken-2026-03-01T10-00-00-000Z`. */
  movedTo: string;
  /** What was wrong with it, as the JSON reader said. */
  reason: string;
  /** What the app started with instead, and what it kept. */
  kept: string;
}

export interface AppInfo {
  name: string;
  version: string;
  mode: AppMode;
  platform: string;
  arch: string;
  /** Versions of the runtimes the main side runs on: node always, electron and chrome in Electron. */
  runtime: { node: string; electron?: string; chrome?: string };
  /** Files this start had to set aside; empty on a healthy profile. */
  profileRepairs: ProfileRepair[];
}

export const appRequests = {
  'app.info': request(z.undefined()).returns<AppInfo>(),
};

export const appEvents = {
  /** Main is going away (quit, or web mode stopping): the renderer says so instead of hanging. */
  'app.closing': event<{ reason: string }>(),
};
