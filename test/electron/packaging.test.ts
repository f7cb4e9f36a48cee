// What the packaged app refuses, read from the configuration electron-builder packs it with and the
// main process's own choices: the Electron binary is no general-purpose Node.js, and the window's
// page comes from the app itself, not from the environment.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { devServerUrlFrom } from '../../electron/main/dev-server';

/** The `electronFuses:` block of the YAML configuration: its `name: true|false` lines. */
function fuses(yaml: string): Record<string, boolean> {
  const block = /^electronFuses:\n((?: {2}\w+: (?:true|false)\n)+)/m.exec(yaml)?.[1] ?? '';
  return Object.fromEntries(
    [...block.matchAll(/^ {2}(\w+): (true|false)$/gm)].map(([, name, value]) => [name, value === 'true']),
  );
}

describe('the packaged app', () => {
  it('is built with the fuses that keep it from running as Node, taking NODE_OPTIONS or --inspect, or loading another app', () => {
    const yaml = readFileSync(join(__dirname, '../../build/electron-builder.yml'), 'utf8');
    expect(fuses(yaml)).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    // The two asar fuses need the app packed into app.asar, which is electron-builder's default.
    expect(yaml).not.toMatch(/^asar:\s*false/m);
  });

  it('loads its own page whatever ELECTRON_RENDERER_URL says; only development uses the dev server', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://127.0.0.1:5173/' };
    expect(devServerUrlFrom(true, env)).toBeUndefined();
    expect(devServerUrlFrom(false, env)).toBe('http://127.0.0.1:5173/');
    expect(devServerUrlFrom(false, {})).toBeUndefined();
  });
});
