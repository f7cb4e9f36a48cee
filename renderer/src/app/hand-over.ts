import { useNoticesStore } from '../stores/notices-store';

// What the technician takes out of Uplink to use elsewhere: a file, or a line on the clipboard.

/** Hands text to the browser's (or Electron's) download, under a name safe on every OS. */
export function saveFile(text: string, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name.replace(/[\\/:*?"<>|]+/g, '-');
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Puts text on the clipboard and says what went there. */
export async function copyText(text: string): Promise<void> {
  await navigator.clipboard.writeText(text);
  useNoticesStore.getState().push({ level: 'info', title: 'Copied to the clipboard', message: text });
}
