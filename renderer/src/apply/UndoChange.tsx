import { useEffect } from 'react';
import { create } from 'zustand';
import { invoke } from '../ipc/client';
import { formatTime } from '../monitor/monitor-text';
import { selectApply, useApplyStore } from './apply-store';
import { PlanDialog } from './PlanDialog';

/** Which site's undo is being shown: Ctrl+Z and the Routes toolbar's Undo open the same dialog. */
export const useUndoStore = create<{ siteId: string | null; open(siteId: string): void; close(): void }>()(
  (set) => ({
    siteId: null,
    open: (siteId) => set({ siteId }),
    close: () => set({ siteId: null }),
  }),
);

/** Where Ctrl+Z belongs to the text being typed, not to the router. */
const editsText = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement && !['checkbox', 'radio', 'button'].includes(target.type)));

/**
 * Ctrl+Z (Cmd+Z) on an online site: the last change Uplink made to its routes, taken back as a
 * plan shown before anything is sent, then sent as a confirmed apply. In a text field Ctrl+Z stays
 * the field's own, and an open dialog keeps it too.
 */
export function UndoChange({ siteId, online }: { siteId: string; online: boolean }) {
  const showing = useUndoStore((s) => s.siteId === siteId);
  const last = useApplyStore((s) => selectApply(siteId)(s)?.lastChange);

  useEffect(() => {
    if (!online) return;
    const onKey = (event: KeyboardEvent) => {
      const undoKey =
        (event.ctrlKey || event.metaKey) &&
        !event.shiftKey &&
        !event.altKey &&
        event.key.toLowerCase() === 'z';
      if (!undoKey || event.defaultPrevented || editsText(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      event.preventDefault();
      useUndoStore.getState().open(siteId);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [siteId, online]);

  if (!showing || !online) return null;
  const close = () => useUndoStore.getState().close();
  return (
    <PlanDialog
      title="Undo"
      danger
      intro={
        last
          ? `Uplink takes back “${last.summary}”, made at ${formatTime(last.at)}. If it cannot confirm the undo, the router keeps the change as it is now.`
          : 'Uplink takes back its last change to this site.'
      }
      load={() => invoke('apply.undoPlan', { siteId })}
      send={(commands) => invoke('apply.undo', { siteId, commands })}
      onApplied={close}
      onLost={close}
      onCancel={close}
    />
  );
}
