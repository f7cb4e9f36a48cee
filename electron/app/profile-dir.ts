import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Electron's `app.getPath('userData')` would put Uplink's profile, computed without Electron
 * so web mode and the Electron app agree on one place per user.
 */
export function defaultProfileDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.UPLINK_PROFILE) return env.UPLINK_PROFILE;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Uplink');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Uplink');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Uplink');
}
