/** The end of a manage form: why the last save was refused (read out as an alert), then Save and Cancel. */
export function FormFooter({ failure, busy, saveLabel, onCancel }: { failure: string | null; busy: boolean; saveLabel: string; onCancel?: () => void }) {
  return (
    <>
      {failure && <p className="dialog-refusal" role="alert">{failure}</p>}
      <div className="mg-form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy}>{busy ? 'Saving…' : saveLabel}</button>
        {onCancel && <button type="button" className="btn" onClick={onCancel}>Cancel</button>}
      </div>
    </>
  );
}
