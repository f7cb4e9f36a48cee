import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '@playwright/test';
import { type DemoRouter, startDemoRouter } from '../../electron/demo-router';
import { createRouter, type RouterModel } from '../../electron/demo-router/router';
import { startWebApp, type WebApp } from './web-app';

// The offline specs share their set-up: a two-wan demo router whose configuration lives on while
// its doors are closed (off the network) and opened again on the same ports, and the web app on a
// profile of its own, started before each test and stopped after.

type DraftsFile = 'snapshot.json' | 'draft.json';

export function offlineLab({
  name,
  password,
  ssh = true,
  checkGatewayIntervalMs,
}: {
  /** For the temporary folders' names. */
  name: string;
  password: string;
  /** The router's SSH door too (its console runs an exported script). */
  ssh?: boolean;
  checkGatewayIntervalMs?: number;
}) {
  let model: RouterModel;
  let doors: DemoRouter;
  let dataDir: string;
  let profileDir: string;
  let app: WebApp;

  test.beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), `uplink-e2e-${name}-router-`));
    profileDir = mkdtempSync(join(tmpdir(), `uplink-e2e-${name}-profile-`));
    model = createRouter({
      scenario: 'two-wan',
      password,
      ...(checkGatewayIntervalMs !== undefined && { checkGatewayIntervalMs }),
    });
    doors = await startDemoRouter({ model, password, dataDir, ...(!ssh && { sshPort: null }) });
    app = await startWebApp({ profileDir });
  });

  test.afterEach(async () => {
    await app.stop();
    await doors.stop();
    model.stop();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(profileDir, { recursive: true, force: true });
  });

  /** A file of the profile's drafts for the site of this name; undefined while the site is not saved. */
  const draftsPath = (siteName: string, file: DraftsFile) => {
    const { sites } = JSON.parse(readFileSync(join(profileDir, 'sites.json'), 'utf8')) as {
      sites: { id: string; name: string }[];
    };
    const site = sites.find((candidate) => candidate.name === siteName);
    return site && join(profileDir, 'drafts', encodeURIComponent(site.id), file);
  };

  return {
    doors: () => doors,
    app: () => app,
    /** The router's API as the tests ask it, not as Uplink does. */
    api: () => ({ ...doors.api, password }),
    /** The router off the network; resolves to bringing it back on the same ports. */
    async unplug(): Promise<() => Promise<void>> {
      const { api, apiSsl, ssh: door } = doors;
      await doors.stop();
      return async () => {
        doors = await startDemoRouter({
          model,
          password,
          dataDir,
          apiPort: api.port,
          apiSslPort: apiSsl.port,
          sshPort: door ? door.port : null,
        });
      };
    },
    /** The app quit; `startApp` starts it again on the same profile. */
    quitApp: () => app.stop(),
    async startApp(): Promise<WebApp> {
      app = await startWebApp({ profileDir });
      return app;
    },
    /**
     * A file of the profile's drafts for the site of this name, or undefined while there is none.
     * Not any site's: a fresh profile opens the Demo router too, and it leaves a snapshot as well.
     */
    profileFile<T>(siteName: string, file: DraftsFile): T | undefined {
      try {
        const path = draftsPath(siteName, file);
        return path === undefined ? undefined : (JSON.parse(readFileSync(path, 'utf8')) as T);
      } catch {
        return undefined;
      }
    },
    /** Where that file is (or would be), for a test that writes one as an older Uplink did. */
    profilePath: (siteName: string, file: DraftsFile) => draftsPath(siteName, file),
  };
}
