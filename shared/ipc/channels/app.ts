import { z } from 'zod';
import { event, request } from '../channel';

export type AppMode = 'electron' | 'web';

export interface AppInfo {
  name: string;
  version: string;
  mode: AppMode;
  platform: string;
  arch: string;
  /** Versions of the runtimes the main side runs on: node always, electron and chrome in Electron. */
  runtime: { node: string; electron?: string; chrome?: string };
}

export const appRequests = {
  'app.info': request(z.undefined()).returns<AppInfo>(),
};

export const appEvents = {
  /** Main is going away (quit, or web mode stopping): the renderer says so instead of hanging. */
  'app.closing': event<{ reason: string }>(),
};
