import { useId, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { TAG_COLOURS, type CaseSummary, type CaseTag } from '@inbox/contracts';
import { errorMessage } from '../api-client';
import { useShortcuts } from '../shell/shortcuts';
import { useWorkspace } from '../shell/workspace-context';
import { TagChip } from './tag-chip';
import { isExistingTag, suggestTags, tagKeys, useTags } from './tag-queries';

/**
 * The case's tags in its header: each with a button to take it off, and a
 * field (key `l`) that suggests existing tags as the agent types; Enter adds the
 * highlighted suggestion, or a new tag of the typed name in the chosen colour.
 */
export function CaseTags({ caseId, tags, onChanged }: { caseId: string; tags: CaseTag[]; onChanged: (summary: CaseSummary) => void }) {
  const ws = useWorkspace();
  const queries = useQueryClient();
  const all = useTags(ws.api).data ?? [];
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [active, setActive] = useState(0);
  const [colour, setColour] = useState<string>(TAG_COLOURS[0]);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const suggestions = suggestTags(all, typed, tags);
  const isNew = typed.trim() !== '' && !isExistingTag(all, typed);
  // The list's last option is "Create …" when the typed name is new.
  const options = suggestions.length + (isNew ? 1 : 0);

  const start = () => {
    setOpen(true);
    setTyped('');
    setActive(0);
    setTimeout(() => input.current?.focus(), 0);
  };
  useShortcuts([{ key: 'l', description: 'Tag the case', group: 'Case', run: start }]);

  async function change(work: () => Promise<{ case: CaseSummary }>, done: string) {
    setBusy(true);
    try {
      const result = await work();
      onChanged(result.case);
      ws.toast(done);
      void queries.invalidateQueries({ queryKey: tagKeys.all });
    } catch (error) {
      ws.toast(errorMessage(error), 'error');
    } finally {
      setBusy(false);
    }
  }

  const add = (name: string, withColour?: string) => {
    if (!name.trim()) return;
    setOpen(false);
    void change(() => ws.api.post(`/api/cases/${caseId}/tags`, { name, ...(withColour ? { colour: withColour } : {}) }), `Tagged “${name.trim()}”`);
  };
  const choose = (index: number) => (index < suggestions.length ? add(suggestions[index].name) : add(typed, colour));
  const remove = (tag: CaseTag) => void change(() => ws.api.del(`/api/cases/${caseId}/tags/${tag.id}`), `Tag “${tag.name}” removed`);

  return (
    <div className="case-tags" data-testid="case-tags">
      {tags.map((tag) => (
        <TagChip key={tag.id} tag={tag}>
          <button className="tag-remove" aria-label={`Remove tag ${tag.name}`} title="Remove" disabled={busy} onClick={() => remove(tag)}>
            ×
          </button>
        </TagChip>
      ))}
      {!open ? (
        <button className="btn btn-ghost btn-sm tag-add" onClick={start} disabled={busy} title="Tag the case (l)" data-action="tag">
          + Tag
        </button>
      ) : (
        <div className="tag-picker">
          <input
            ref={input}
            className="tag-input"
            role="combobox"
            aria-expanded={options > 0}
            aria-controls={listId}
            aria-activedescendant={options > 0 ? `${listId}-${active}` : undefined}
            aria-label="Tag name"
            placeholder="Tag name"
            maxLength={40}
            value={typed}
            onChange={(e) => {
              setTyped(e.target.value);
              setActive(0);
            }}
            onBlur={() => setTimeout(() => setOpen(false), 150)}
            onKeyDown={(e) => {
              if (!['ArrowDown', 'ArrowUp', 'Enter', 'Escape'].includes(e.key)) return;
              e.preventDefault();
              e.stopPropagation();
              if (e.key === 'ArrowDown') setActive((a) => Math.min(options - 1, a + 1));
              else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
              else if (e.key === 'Enter' && options > 0) choose(active);
              else if (e.key === 'Escape') setOpen(false);
            }}
          />
          {options > 0 && (
            <ul className="tag-suggestions" role="listbox" id={listId}>
              {suggestions.map((tag, i) => (
                <li key={tag.id} id={`${listId}-${i}`} role="option" aria-selected={i === active} onMouseDown={(e) => (e.preventDefault(), choose(i))}>
                  <TagChip tag={tag} />
                </li>
              ))}
              {isNew && (
                <li id={`${listId}-${suggestions.length}`} role="option" aria-selected={active === suggestions.length} onMouseDown={(e) => (e.preventDefault(), choose(suggestions.length))}>
                  Create <TagChip tag={{ id: 'new', name: typed.trim().replace(/\s+/g, ' '), colour }} />
                </li>
              )}
            </ul>
          )}
          {isNew && (
            <div className="tag-colours" role="radiogroup" aria-label="Colour of the new tag">
              {TAG_COLOURS.map((c) => (
                <button
                  key={c}
                  role="radio"
                  aria-checked={c === colour}
                  aria-label={`Colour ${c}`}
                  className="tag-colour"
                  style={{ background: c }}
                  onMouseDown={(e) => (e.preventDefault(), setColour(c))}
                />
              ))}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
