import packageJson from '../../package.json';
import type { AppInfo, AppMode, ProfileRepair } from '../../shared/ipc/channels/app';

export function appInfo(mode: AppMode, profileRepairs: ProfileRepair[]): AppInfo {
  return {
    name: packageJson.productName,
    version: packageJson.version,
    mode,
    platform: process.platform,
    arch: process.arch,
    runtime: {
      node: process.versions.node,
      ...(process.versions.electron !== undefined && { electron: process.versions.electron }),
      ...(process.versions.chrome !== undefined && { chrome: process.versions.chrome }),
    },
    profileRepairs,
  };
}
