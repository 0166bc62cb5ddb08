import './case-policy.css';
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api-client';
import { channelLabel } from '../format';
import { Icon } from '../shell/icons';
import { useShortcuts } from '../shell/shortcuts';
import { useWorkspace } from '../shell/workspace-context';
import type { CaseAction, WrittenMessagePreview } from './case-actions';
import type { CaseDetail } from '@inbox/contracts';

/**
 * Asks for what an action needs (a reason, a team, an outcome) before running it. An action that writes to the
 * customer (the IDR response, a decline, a delay notice) first shows the exact text and where it goes; sending
 * is a second, deliberate step, and any change to the fields asks for a fresh preview.
 */
export function ActionDialog({
  action,
  detail,
  busy,
  onCancel,
  onSubmit,
}: {
  action: CaseAction;
  detail: CaseDetail;
  busy: boolean;
  onCancel: () => void;
  onSubmit: (values: Record<string, string>) => void;
}) {
  const ws = useWorkspace();
  const [preview, setPreview] = useState<WrittenMessagePreview | null>(null);
  const [checking, setChecking] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries((action.fields ?? []).map((f) => [f.name, f.initial ?? (f.type === 'select' && f.required && f.options?.[0] ? f.options[0].value : '')])),
  );
  useShortcuts([{ key: 'Escape', description: 'Close the dialog', group: 'General', run: onCancel, inFields: true }]);
  const change = (name: string, value: string) => {
    setValues({ ...values, [name]: value });
    setPreview(null);
    setRefusal(null);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!action.preview || preview) return onSubmit(values);
    setChecking(true);
    try {
      setPreview(await action.preview(ws.api, detail, values));
      setRefusal(null);
    } catch (error) {
      setRefusal(errorMessage(error));
    } finally {
      setChecking(false);
    }
  };
  const submitLabel = busy ? 'Sending…' : checking ? 'Preparing the preview…' : action.preview && !preview ? 'Preview' : action.sendLabel ?? (action.preview ? `Send — ${action.label}` : action.label);
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label={action.label} onClick={onCancel}>
      <form className="dialog" onClick={(e) => e.stopPropagation()} onSubmit={submit}>
        <div className="dialog-header">
          <h2><Icon name={action.icon} size={18} /> {action.label}</h2>
          <button type="button" className="icon-btn" onClick={onCancel} aria-label="Close"><Icon name="x" /></button>
        </div>
        {action.dialogIntro && <p className="dialog-intro">{action.dialogIntro}</p>}
        <div className="dialog-fields">
          {(action.fields ?? []).map((field, index) => (
            <label key={field.name} className={field.half ? 'half' : undefined}>
              {field.label}
              {field.type === 'textarea' ? (
                <textarea
                  rows={field.rows ?? 4}
                  required={field.required}
                  autoFocus={index === 0}
                  placeholder={field.placeholder}
                  value={values[field.name]}
                  onChange={(e) => change(field.name, e.target.value)}
                />
              ) : field.type === 'select' ? (
                <select required={field.required} autoFocus={index === 0} value={values[field.name]} onChange={(e) => change(field.name, e.target.value)}>
                  {!field.required && <option value="">—</option>}
                  {field.options?.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
                </select>
              ) : (
                <input
                  type={field.type}
                  required={field.required}
                  autoFocus={index === 0}
                  placeholder={field.placeholder}
                  step={field.type === 'number' ? '0.01' : undefined}
                  min={field.type === 'number' ? 0 : undefined}
                  value={values[field.name]}
                  onChange={(e) => change(field.name, e.target.value)}
                />
              )}
              {field.hint && <span className="field-hint">{field.hint}</span>}
            </label>
          ))}
        </div>
        {refusal && <p className="dialog-refusal" role="alert">{refusal}</p>}
        {preview && <PreviewPane preview={preview} />}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onCancel}>Cancel</button>
          <button type="submit" className="btn btn-primary" disabled={busy || checking}>{submitLabel}</button>
        </div>
      </form>
    </div>
  );
}

/** Exactly what the customer will receive, and where; or that nothing is sent. */
function PreviewPane({ preview }: { preview: WrittenMessagePreview }) {
  if (!preview.sends) {
    return (
      <section className="send-preview" aria-label="What the customer receives" data-testid="send-preview">
        <p className="muted">No written response is sent for this closure.</p>
      </section>
    );
  }
  return (
    <section className="send-preview" aria-label="What the customer receives" data-testid="send-preview">
      <p className="send-preview-to">
        To <strong>{preview.recipient}</strong> by <strong>{channelLabel(preview.channel ?? '')}</strong>, exactly as below:
      </p>
      <pre className="send-preview-text" tabIndex={0}>{preview.text}</pre>
    </section>
  );
}
