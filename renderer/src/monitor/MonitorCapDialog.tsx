import { useState } from 'react';
import { type MonitorCapacity, maxSitesLimit } from '../../../shared/ipc/channels/monitor';
import { Banner } from '../components/Banner';
import { TextField } from '../components/Field';
import { FormDialog } from '../components/FormDialog';
import { useFormSubmit } from '../components/use-form-submit';
import { invoke } from '../ipc/client';

/** How many online sites are measured at once: each runs a few streams on its router and in the app. */
export function MonitorCapDialog({ capacity, onClose }: { capacity: MonitorCapacity; onClose(): void }) {
  const [value, setValue] = useState(String(capacity.maxSites));
  const [error, setError] = useState<string>();
  const { busy, failure, submit } = useFormSubmit(async () => {
    const maxSites = Number(value);
    if (value.trim() === '' || !Number.isInteger(maxSites) || maxSites < 1 || maxSites > maxSitesLimit) {
      setError(`Enter a whole number from 1 to ${maxSitesLimit}`);
      return false;
    }
    await invoke('monitor.setMaxSites', { maxSites });
    return true;
  }, onClose);

  return (
    <FormDialog
      title="Sites monitored at once"
      width="small"
      onClose={onClose}
      submitLabel="Save"
      onSubmit={submit}
      busy={busy}
    >
      {failure && (
        <Banner tone="error" title="The cap was not saved">
          {failure}
        </Banner>
      )}
      <TextField
        label="Sites monitored at once"
        type="number"
        inputMode="numeric"
        min={1}
        max={maxSitesLimit}
        value={value}
        error={error}
        hint={`Every online site is measured in the background, up to this many; the sites on screen come first. Now ${capacityText(capacity)}.`}
        onChange={(event) => {
          setValue(event.target.value);
          setError(undefined);
        }}
      />
    </FormDialog>
  );
}

/** "3 of 4 online sites measured" or "all 3 online sites measured". */
export function capacityText({ monitored, wanting }: MonitorCapacity): string {
  if (wanting === 0) return 'no online site to measure';
  return monitored >= wanting
    ? `all ${wanting} online site${wanting === 1 ? '' : 's'} measured`
    : `${monitored} of ${wanting} online sites measured`;
}
