import { type FormEvent, useState } from 'react';

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * A dialog form's submit: busy while the action runs, done (the dialog closes) when it succeeds, and
 * its failure kept on screen for the technician. An action that finds the form invalid returns
 * `false`: it sent nothing, and the dialog stays as it is.
 */
export function useFormSubmit(action: () => Promise<boolean | undefined>, onDone: () => void) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setFailure(null);
    setBusy(true);
    try {
      if ((await action()) !== false) onDone();
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  return { busy, failure, submit };
}
