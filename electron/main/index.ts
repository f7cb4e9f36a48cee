// Electron's main process: a thin shell around the same AppContext web mode serves. It owns the
// window and its security settings, and bridges the IPC contract; everything else is in services.
import { join } from 'node:path';
import { app, BrowserWindow, safeStorage, session } from 'electron';
import { type AppContext, createAppContext } from '../app/app-context';
import { serveIpc } from './ipc-main';
import { showNotifications } from './notifications';
import { createMainWindow, isAppUrl } from './window';

app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let context: AppContext | undefined;

  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.on('window-all-closed', () => app.quit());

  app.on('before-quit', (event) => {
    if (!context) return;
    // Close router sessions cleanly before the process goes.
    event.preventDefault();
    const closing = context;
    context = undefined;
    closing.events.emit('app.closing', { reason: 'Uplink is quitting.' });
    void closing.dispose().finally(() => app.quit());
  });

  void app.whenReady().then(async () => {
    // Uplink's page needs no permission (camera, microphone, USB, notifications, ...): every
    // request is refused, and so is every check, which Chromium makes without asking first.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    session.defaultSession.setPermissionCheckHandler(() => false);
    session.defaultSession.setDevicePermissionHandler(() => false);
    context = await createAppContext({
      mode: 'electron',
      profileDir: app.getPath('userData'),
      encryption: safeStorage,
      openDemoOnFirstStart: true,
    });
    serveIpc(context);
    showNotifications(context);
    createMainWindow(join(__dirname, '../preload/index.js'));
  });
}
