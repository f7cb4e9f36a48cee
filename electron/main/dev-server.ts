/**
 * electron-vite's dev server (`electron-vite dev` sets ELECTRON_RENDERER_URL), in development only.
 * A packaged app ignores it: whoever can set the environment of an installed Uplink would otherwise
 * choose the page that gets the IPC bridge, and with it the router sessions.
 */
export function devServerUrlFrom(isPackaged: boolean, env: NodeJS.ProcessEnv): string | undefined {
  return isPackaged ? undefined : env.ELECTRON_RENDERER_URL || undefined;
}
