import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api-client';

export interface SaveForm {
  /** A save is under way: the Save button is disabled and says so. */
  busy: boolean;
  /** Why the last save was refused, said plainly; null once one succeeds. */
  failure: string | null;
  setFailure(failure: string | null): void;
  /** The form's onSubmit: runs `save` once, keeping the page from reloading. */
  onSubmit(event: FormEvent): void;
}

/**
 * The submit of a manage form: `save` runs with the form busy, and a refusal (a 403, a step the server does
 * not accept, or an Error `save` throws itself) stays in the form as `failure` for FormFooter to read out.
 */
export function useSaveForm(save: () => Promise<unknown>): SaveForm {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    try {
      await save();
      setFailure(null);
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return {
    busy,
    failure,
    setFailure,
    onSubmit(event) {
      event.preventDefault();
      void run();
    },
  };
}
