import { seesAllTeams, type Macro } from '@inbox/contracts';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api-client';
import { useCustomFields } from '../fields/field-queries';
import { formatDateTime } from '../format';
import { MacroEditor, type MacroDraft } from '../macros/macro-editor';
import { describeMacroStep } from '../macros/macro-text';
import { useWorkspace } from '../shell/workspace-context';

/** Macros: everyone keeps their own; supervisors and admins also write them for a team or everyone. */
export function MacrosScreen() {
  const ws = useWorkspace();
  const supervisor = seesAllTeams(ws.me);
  const [items, setItems] = useState<Macro[] | null>(null);
  const [placeholders, setPlaceholders] = useState<string[]>([]);
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const fields = useCustomFields(ws.api).data ?? [];
  const fieldById = (id: string) => fields.find((f) => f.id === id);

  const load = useCallback(() => {
    ws.api
      .get<{ items: Macro[]; placeholders: string[] }>('/api/macros')
      .then((answer) => {
        setItems(answer.items);
        setPlaceholders(answer.placeholders);
        setFailure(null);
      })
      .catch((error) => setFailure(errorMessage(error)));
  }, [ws.api]);
  useEffect(load, [load]);

  const body = (d: MacroDraft) => ({ name: d.name.trim(), scope: d.scope, actions: d.actions, ...(d.scope === 'team' ? { teamId: d.teamId } : {}) });
  const mayEdit = (m: Macro) => (m.scope === 'personal' ? m.ownerUserId === ws.me.userId : supervisor);
  const whom = (m: Macro) => (m.scope === 'personal' ? 'Only you' : m.scope === 'everyone' ? 'Everyone' : (ws.teamName(m.teamId) ?? 'One team'));
  const remove = async (m: Macro) => {
    if (!window.confirm(`Remove the macro “${m.name}”?`)) return;
    try {
      await ws.api.del(`/api/macros/${m.id}`);
      ws.toast('Macro removed');
      load();
    } catch (error) {
      ws.toast(errorMessage(error), 'error');
    }
  };
  const editor = (initial: MacroDraft, saveLabel: string, save: (d: MacroDraft) => Promise<unknown>) => (
    <MacroEditor
      initial={initial}
      canShare={supervisor}
      teams={ws.teams}
      placeholders={placeholders}
      fields={fields}
      saveLabel={saveLabel}
      onCancel={() => setEditing(null)}
      save={async (d) => {
        await save(d);
        setEditing(null);
        load();
      }}
    />
  );

  return (
    <section className="mg-card" aria-label="Macros">
      <div className="mg-head">
        <h1>Macros</h1>
        <p className="muted">
          A few steps in one click, from the composer or on a selection in the queue. Each step runs as if you did it yourself, so what you may not do is reported, not done.
        </p>
      </div>
      <div className="mg-filters">
        {editing !== 'new' && <button className="btn btn-primary" onClick={() => setEditing('new')}>New macro</button>}
      </div>
      {failure && <p className="sv-failure" role="alert">{failure}</p>}
      {editing === 'new' && (
        <div className="mg-item">
          {editor({ name: '', scope: 'personal', teamId: '', actions: [] }, 'Create', async (d) => {
            await ws.api.post('/api/macros', body(d));
            ws.toast('Macro created');
          })}
        </div>
      )}
      {items && items.length === 0 && editing !== 'new' && <p className="muted">No macro yet.</p>}
      <ul className="mg-list">
        {items?.map((m) => (
          <li key={m.id} className="mg-item" data-testid="macro-item">
            {editing === m.id ? (
              editor({ name: m.name, scope: m.scope, teamId: m.teamId ?? '', actions: m.actions }, 'Save', async (d) => {
                await ws.api.patch(`/api/macros/${m.id}`, body(d));
                ws.toast('Macro saved');
              })
            ) : (
              <>
                <div className="mg-item-head">
                  <span className="mg-item-title">{m.name}</span>
                  <span className="muted small">
                    {whom(m)} · {m.ownerUserId === ws.me.userId ? 'yours' : `by ${m.ownerName}`} · edited {formatDateTime(m.updatedAt)}
                  </span>
                </div>
                <ol className="macro-summary">
                  {m.actions.map((a, i) => (
                    <li key={i}>
                      {describeMacroStep(a, ws.staffName, fieldById)}
                      {a.type === 'reply' && <span className="macro-reply-text">{a.template}</span>}
                    </li>
                  ))}
                </ol>
                {mayEdit(m) && (
                  <div className="mg-form-actions">
                    <button className="btn btn-small" onClick={() => setEditing(m.id)}>Edit</button>
                    <button className="btn btn-small" onClick={() => void remove(m)}>Remove</button>
                  </div>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
