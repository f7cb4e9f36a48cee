import { type FormEvent, useState } from 'react';
import { graceSecondsSchema } from '../../../shared/ipc/channels/apply';
import { Button } from '../components/Button';
import { TextField } from '../components/Field';
import { invoke } from '../ipc/client';

/** The confirmed apply's grace period: how long the router waits before undoing a change Uplink could not confirm. */
export function GraceSetting({ graceSeconds, editable }: { graceSeconds: number; editable: boolean }) {
  const [text, setText] = useState(String(graceSeconds));
  const [error, setError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const changed = text !== String(graceSeconds);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = graceSecondsSchema.safeParse(Number(text));
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message);
      return;
    }
    setSaving(true);
    try {
      await invoke('apply.setSettings', { graceSeconds: parsed.data });
      setError(undefined);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="grace-setting" onSubmit={save}>
      <TextField
        label="Grace period (seconds)"
        type="number"
        inputMode="numeric"
        min={5}
        max={3600}
        value={text}
        disabled={!editable}
        onChange={(event) => {
          setText(event.target.value);
          setError(undefined);
        }}
        error={error}
        hint="If Uplink loses the router during a change, the router puts the previous settings back after this long."
      />
      {changed && (
        <Button type="submit" busy={saving}>
          Save
        </Button>
      )}
    </form>
  );
}
