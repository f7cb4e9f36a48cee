import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow } from 'electron';
import { devServerUrlFrom } from './dev-server';

const rendererFile = join(__dirname, '../renderer/index.html');
const devServerUrl = devServerUrlFrom(app.isPackaged, process.env);

/** The only pages the window may show, and the only senders IPC answers. */
export function isAppUrl(url: string): boolean {
  if (devServerUrl && url.startsWith(devServerUrl)) return true;
  return url.split(/[?#]/)[0] === pathToFileURL(rendererFile).href;
}

export function createMainWindow(preload: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    title: 'Uplink',
    show: false,
    backgroundColor: '#1b1f24',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(rendererFile);
  return window;
}
