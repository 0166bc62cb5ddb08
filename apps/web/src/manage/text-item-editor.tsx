import { useState, type ReactNode } from 'react';
import { FormFooter } from './form-footer';
import { useSaveForm } from './use-save-form';

export interface TextItemDraft {
  title: string;
  body: string;
  /** The third field: a canned response's team, an article's category. */
  extra: string;
}

/**
 * The form behind canned responses and knowledge articles: a title, a text and one more field, saved with
 * the caller's `save`; a refusal (a 403, an unknown placeholder) stays in the form, said plainly.
 */
export function TextItemEditor({
  initial,
  extraField,
  bodyHint,
  saveLabel,
  save,
  onCancel,
}: {
  initial: TextItemDraft;
  extraField: (value: string, onChange: (value: string) => void) => ReactNode;
  bodyHint?: string;
  saveLabel: string;
  save: (draft: TextItemDraft) => Promise<unknown>;
  onCancel?: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const form = useSaveForm(() => save(draft));
  return (
    <form className="mg-form" onSubmit={form.onSubmit}>
      <label>
        Title
        <input required autoFocus maxLength={200} value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />
      </label>
      <label>
        Text
        <textarea required rows={7} value={draft.body} onChange={(e) => setDraft({ ...draft, body: e.target.value })} />
        {bodyHint && <span className="field-hint">{bodyHint}</span>}
      </label>
      {extraField(draft.extra, (extra) => setDraft({ ...draft, extra }))}
      <FormFooter form={form} saveLabel={saveLabel} onCancel={onCancel} />
    </form>
  );
}
