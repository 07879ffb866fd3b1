import { useCallback, useRef, useState } from 'react';
import { errorText } from '../api/client';

export interface AsyncAction {
  /** true while the action runs */
  busy: boolean;
  /** the last failure in words, cleared when the action runs again */
  error: string | null;
  setError: (error: string | null) => void;
  /**
   * Runs the action once at a time: resolves with its result, or with undefined when it failed
   * (the failure is kept in `error`; `onError` may look at the raw error first, e.g. for a field).
   */
  run: <T>(action: () => Promise<T>, onError?: (err: unknown) => void) => Promise<T | undefined>;
}

/** The busy flag and error text of one user action (save, decide, extend…), the same for every dialog. */
export function useAsyncAction(): AsyncAction {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(false);
  const run = useCallback(async <T,>(action: () => Promise<T>, onError?: (err: unknown) => void): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (err) {
      onError?.(err);
      setError(errorText(err));
      return undefined;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
