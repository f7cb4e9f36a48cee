// The renderer's only door to main: exactly the contract's channels, nothing of Node or Electron.
import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import type { UplinkBridge } from '../../shared/ipc/bridge';
import { isEventName, isRequestName } from '../../shared/ipc/contract';

const bridge: UplinkBridge = {
  invoke: (channel, arg) =>
    isRequestName(channel)
      ? ipcRenderer.invoke(channel, arg)
      : Promise.resolve({
          ok: false,
          error: { code: 'unknown-channel', message: `Unknown request channel: ${channel}` },
        }),
  on: (event, listener) => {
    if (!isEventName(event)) throw new Error(`Unknown event: ${event}`);
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, forward);
    return () => ipcRenderer.removeListener(event, forward);
  },
};

contextBridge.exposeInMainWorld('uplink', bridge);
