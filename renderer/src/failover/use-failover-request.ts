import { useCallback, useState } from 'react';

/** A request the tab makes, one at a time: which one is in flight, and how the last one failed. */
export function useFailoverRequest() {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback(async (label: string | null, call: () => Promise<unknown>) => {
    setBusy(label);
    setError(null);
    try {
      await call();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(null);
    }
  }, []);

  return { busy, error, run, clearError: useCallback(() => setError(null), []) };
}
