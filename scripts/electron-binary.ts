// Finds the Electron binary the way the electron package does, but never downloads it: asking
// the package itself (require('electron')) starts a download when the binary is missing.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function findElectronBinary(): { path: string } | { reason: string } {
  let packageDir: string;
  try {
    packageDir = dirname(createRequire(__filename).resolve('electron/package.json'));
  } catch {
    return { reason: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : undefined;
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const binary = relative ? join(distDir, relative) : undefined;
  if (binary && existsSync(binary)) return { path: binary };
  return {
    reason:
      'the Electron binary is not installed (it was skipped with ELECTRON_SKIP_BINARY_DOWNLOAD, or its download failed)',
  };
}

/** Why no window can open, where that can be told up front. */
export function displayProblem(): string | undefined {
  if (process.platform !== 'linux') return undefined;
  return process.env.DISPLAY || process.env.WAYLAND_DISPLAY
    ? undefined
    : 'there is no display (DISPLAY is not set)';
}
