import { useState } from 'react';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useSiteDialogsStore } from '../stores/site-dialogs-store';
import { selectSite, useSitesStore } from '../stores/sites-store';
import { focusSiteRow } from './site-actions';

/** Asks before a site goes; its stored password and pinned keys go with it. */
export function RemoveSiteDialog() {
  const siteId = useSiteDialogsStore((s) => s.removing);
  const cancel = useSiteDialogsStore((s) => s.cancelRemove);
  const site = useSitesStore(selectSite(siteId ?? ''));
  const remove = useSitesStore((s) => s.remove);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const close = () => {
    setFailure(null);
    cancel();
  };
  const confirm = async () => {
    if (!site) return;
    setBusy(true);
    try {
      await remove(site.id);
      close();
      // The removed row had the focus; the row that took the selection gets it, once the dialog is gone.
      const next = useSitesStore.getState().selectedId;
      if (next !== null) requestAnimationFrame(() => focusSiteRow(next));
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog
      open={site !== undefined}
      title="Remove site"
      confirmLabel="Remove"
      tone="danger"
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={close}
    >
      <p>
        Remove <b>{site?.name}</b>? Its session is closed, and its stored password and trusted keys are
        forgotten. The router itself is not changed.
      </p>
      {failure && (
        <p className="field-error" role="alert">
          {failure}
        </p>
      )}
    </ConfirmDialog>
  );
}
