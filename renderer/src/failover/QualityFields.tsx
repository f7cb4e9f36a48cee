import type { QualitySettings } from '../../../shared/failover/wan';
import { Checkbox, RadioGroup } from '../components/Choice';
import { TextField } from '../components/Field';

/** The quality watch's settings as the form holds them: text until Save reads them. */
export interface QualityForm {
  /** Off: check-gateway alone judges the WAN, as the recipe without a watch does. */
  watch: boolean;
  second: string;
  third: string;
  downWhen: QualitySettings['downWhen'];
  lossPercent: string;
  rttMs: string;
  jitterMs: string;
  holdSeconds: string;
  clearConnections: boolean;
}

export type QualityField = Exclude<keyof QualityForm, 'watch' | 'downWhen' | 'clearConnections'>;

export function qualityForm(quality: QualitySettings, second: string, watch: boolean): QualityForm {
  return {
    watch,
    second: quality.moreProbes[0] ?? second,
    third: quality.moreProbes[1] ?? '',
    downWhen: quality.downWhen,
    lossPercent: String(quality.lossPercent),
    rttMs: String(quality.rttMs),
    jitterMs: String(quality.jitterMs),
    holdSeconds: String(quality.holdSeconds),
    clearConnections: quality.clearConnections,
  };
}

/** What Save sends; the schema judges it (a blank number is NaN, and says so on its field). */
export function qualityInput(form: QualityForm): QualitySettings | undefined {
  if (!form.watch) return undefined;
  const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
  return {
    moreProbes: [form.second, form.third].map((host) => host.trim()).filter((host) => host !== ''),
    downWhen: form.downWhen,
    lossPercent: number(form.lossPercent),
    rttMs: number(form.rttMs),
    jitterMs: number(form.jitterMs),
    holdSeconds: number(form.holdSeconds),
    clearConnections: form.clearConnections,
  };
}

/** The form field a schema issue under `quality` belongs to. */
export function qualityFieldOf(path: readonly PropertyKey[]): QualityField | undefined {
  if (path[0] !== 'quality') return undefined;
  if (path[1] === 'moreProbes') return path[2] === 1 ? 'third' : 'second';
  const name = String(path[1]);
  return ['lossPercent', 'rttMs', 'jitterMs', 'holdSeconds'].includes(name)
    ? (name as QualityField)
    : undefined;
}

export interface QualityFieldsProps {
  values: QualityForm;
  errors: Partial<Record<QualityField, string>>;
  onChange(patch: Partial<QualityForm>): void;
}

const numeric = { inputMode: 'numeric', autoComplete: 'off', spellCheck: false } as const;

/**
 * Configure WAN's quality section: the further probe hosts, when the WAN counts as down, the
 * thresholds the router's netwatch probes judge by, the failback hold time and connection clearing.
 */
export function QualityFields({ values, errors, onChange }: QualityFieldsProps) {
  return (
    <fieldset className="wan-quality">
      <legend>Quality watch on the router</legend>
      <Checkbox
        label="Judge this link by loss, round trip and jitter"
        checked={values.watch}
        onChange={(event) => onChange({ watch: event.target.checked })}
        hint={
          values.watch
            ? 'The router probes every second and moves traffic off a dead link in about 2 s, a bad one in under 10 s.'
            : 'Off: check-gateway pings the probe host every 10 s and notices a dead link after about 20 s, a bad one never.'
        }
      />
      {values.watch && <QualitySettingsFields values={values} errors={errors} onChange={onChange} />}
    </fieldset>
  );
}

/** The watch's own settings, shown while it is on. */
function QualitySettingsFields({ values, errors, onChange }: QualityFieldsProps) {
  const text = (name: QualityField) => ({
    value: values[name],
    error: errors[name],
    onChange: (event: { target: { value: string } }) => onChange({ [name]: event.target.value }),
  });
  return (
    <>
      <div className="wan-quality-row">
        <TextField label="Second probe host" {...text('second')} {...numeric} inputMode="decimal" />
        <TextField
          label="Third probe host"
          {...text('third')}
          {...numeric}
          inputMode="decimal"
          hint="Optional"
        />
      </div>
      <RadioGroup
        label="Down when"
        value={values.downWhen}
        onChange={(downWhen) => onChange({ downWhen })}
        options={[
          { value: 'all', label: 'All probe hosts fail' },
          { value: 'any', label: 'Any probe host fails' },
        ]}
      />
      <div className="wan-quality-row">
        <TextField label="Loss threshold (%)" {...text('lossPercent')} {...numeric} />
        <TextField label="Round trip threshold (ms)" {...text('rttMs')} {...numeric} />
        <TextField label="Jitter threshold (ms)" {...text('jitterMs')} {...numeric} />
      </div>
      <TextField
        label="Failback hold time (s)"
        {...text('holdSeconds')}
        {...numeric}
        hint="Good health the link must show, unbroken, before traffic returns to it."
      />
      <Checkbox
        label="Clear connections on failover and failback"
        checked={values.clearConnections}
        onChange={(event) => onChange({ clearConnections: event.target.checked })}
        hint="Sessions reconnect over the new link instead of staying pinned to the old one."
      />
    </>
  );
}
