import { BrowserWindow, type IpcMainInvokeEvent, ipcMain } from 'electron';
import { requestNames } from '../../shared/ipc/contract';
import type { Envelope } from '../../shared/ipc/errors';
import type { AppContext } from '../app/app-context';
import { isAppUrl } from './window';

/** One ipcMain handler per contract channel, answering only the app's own pages. */
export function serveIpc(context: AppContext): void {
  const known = new Set<number>();
  for (const channel of requestNames) {
    ipcMain.handle(channel, (event, arg): Promise<Envelope<unknown>> => {
      if (!isTrustedSender(event)) {
        context.logger.warn(`ipc: refused ${channel} from ${event.senderFrame?.url ?? 'an unknown frame'}`);
        return Promise.resolve({ ok: false, error: { code: 'internal', message: 'Sender not allowed' } });
      }
      const call = { clientId: clientIdOf(event.sender.id) };
      if (!known.has(event.sender.id)) {
        // Per-client state (live subscriptions) ends with the page that asked for it.
        known.add(event.sender.id);
        event.sender.once('destroyed', () => {
          known.delete(event.sender.id);
          context.clientGone(call);
        });
      }
      return context.dispatch(channel, arg, call);
    });
  }
  context.events.subscribe((event, payload, to) => {
    for (const window of BrowserWindow.getAllWindows()) {
      const { webContents } = window;
      if (webContents.isDestroyed() || (to && !to.has(clientIdOf(webContents.id)))) continue;
      webContents.send(event, payload);
    }
  });
}

const clientIdOf = (webContentsId: number) => `webcontents-${webContentsId}`;

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame === event.sender.mainFrame && isAppUrl(frame.url);
}
