import type { ReactNode } from 'react';
import type { SaveForm } from './use-save-form';

/**
 * The end of a manage form: why the last save was refused (read out as an alert), then Save (disabled while
 * saving or when `canSave` is false), Cancel when there is `onCancel`, and any further buttons (`children`).
 */
export function FormFooter({
  form,
  saveLabel,
  canSave = true,
  onCancel,
  children,
}: {
  form: Pick<SaveForm, 'busy' | 'failure'>;
  saveLabel: string;
  canSave?: boolean;
  onCancel?: () => void;
  children?: ReactNode;
}) {
  return (
    <>
      {form.failure && <p className="dialog-refusal" role="alert">{form.failure}</p>}
      <div className="mg-form-actions">
        <button type="submit" className="btn btn-primary" disabled={form.busy || !canSave}>{form.busy ? 'Saving…' : saveLabel}</button>
        {onCancel && <button type="button" className="btn" onClick={onCancel}>Cancel</button>}
        {children}
      </div>
    </>
  );
}
