import { useState } from 'react';
import {
  defaultHealthThresholds,
  type HealthThresholds,
  healthThresholdsSchema,
} from '../../../shared/monitor/health';
import { Banner } from '../components/Banner';
import { Button } from '../components/Button';
import { TextField } from '../components/Field';
import { FormDialog } from '../components/FormDialog';
import { useFormSubmit } from '../components/use-form-submit';
import { invoke } from '../ipc/client';

type Key = keyof HealthThresholds;

const fields: { key: Key; label: string; hint: string }[] = [
  {
    key: 'latencyDegradedMs',
    label: 'Degraded above (ms)',
    hint: 'Average round-trip time over the last minute.',
  },
  { key: 'latencyDownMs', label: 'Down above (ms)', hint: 'A link this slow is as good as down.' },
  { key: 'lossDegradedPct', label: 'Degraded loss (%)', hint: 'Share of probes lost over the last minute.' },
  {
    key: 'lossDownPct',
    label: 'Down loss (%)',
    hint: 'A link losing this many has mostly stopped answering.',
  },
];

const textOf = (thresholds: HealthThresholds) =>
  Object.fromEntries(fields.map(({ key }) => [key, String(thresholds[key])])) as Record<Key, string>;

/** When a link counts as degraded or down, for every site: pfSense's gateway monitoring defaults to start from. */
export function ThresholdsDialog({ thresholds, onClose }: { thresholds: HealthThresholds; onClose(): void }) {
  const [values, setValues] = useState(() => textOf(thresholds));
  const [errors, setErrors] = useState<Partial<Record<Key, string>>>({});
  const { busy, failure, submit } = useFormSubmit(async () => {
    const parsed = healthThresholdsSchema.safeParse(
      Object.fromEntries(
        fields.map(({ key }) => [key, values[key].trim() === '' ? Number.NaN : Number(values[key])]),
      ),
    );
    if (!parsed.success) {
      const found: Partial<Record<Key, string>> = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0] as Key;
        found[key] ??= issue.code === 'invalid_type' ? 'Enter a number' : issue.message;
      }
      setErrors(found);
      return false;
    }
    await invoke('monitor.setThresholds', parsed.data);
    return true;
  }, onClose);

  return (
    <FormDialog
      title="Health thresholds"
      width="small"
      onClose={onClose}
      submitLabel="Save"
      onSubmit={submit}
      busy={busy}
      leading={<Button onClick={() => setValues(textOf(defaultHealthThresholds))}>Defaults</Button>}
      formClassName="thresholds-form"
    >
      {failure && (
        <Banner tone="error" title="The thresholds were not saved">
          {failure}
        </Banner>
      )}
      {fields.map(({ key, label, hint }) => (
        <TextField
          key={key}
          label={label}
          type="number"
          inputMode="decimal"
          min={0}
          value={values[key]}
          error={errors[key]}
          hint={hint}
          onChange={(event) => {
            setValues({ ...values, [key]: event.target.value });
            setErrors({ ...errors, [key]: undefined });
          }}
        />
      ))}
    </FormDialog>
  );
}
