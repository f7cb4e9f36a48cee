import { useState } from 'react';
import { Button, classes } from '../components/Button';
import { invoke } from '../ipc/client';
import { useNoticesStore } from '../stores/notices-store';
import { selectApply, useApplyStore } from './apply-store';
import { changesText } from './apply-text';
import './safe-mode.css';

/**
 * Safe Mode as Winbox has it, in the site header: pressed, every change Uplink makes to the router
 * stays under one safety net on it, which puts them all back if the session is lost; released,
 * the changes stay. Beside it, how many changes the net holds.
 */
export function SafeModeButton({
  siteId,
  online,
  readOnly,
}: {
  siteId: string;
  online: boolean;
  readOnly: boolean;
}) {
  const safeMode = useApplyStore(selectApply(siteId))?.safeMode;
  const [busy, setBusy] = useState(false);
  const on = safeMode !== undefined;
  const toggle = async () => {
    setBusy(true);
    try {
      await invoke('apply.setSafeMode', { siteId, on: !on });
    } catch (error) {
      useNoticesStore
        .getState()
        .push({ level: 'error', title: 'Safe Mode', message: (error as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="safe-mode">
      <Button
        icon="shield"
        className={classes('safe-mode-button', on && 'safe-mode-on')}
        aria-pressed={on}
        busy={busy}
        disabled={!online || (readOnly && !on)}
        title={
          on
            ? 'Safe Mode is on: if the session is lost, the router puts back every change made since it was turned on. Press to keep the changes.'
            : 'Safe Mode: every change from now on stays under one safety net on the router until Safe Mode is turned off.'
        }
        onClick={() => void toggle()}
      >
        Safe Mode
      </Button>
      {safeMode && (
        <span className="safe-mode-count" role="status" aria-label="Safe Mode changes">
          {changesText(safeMode.changes)} held
        </span>
      )}
    </span>
  );
}
