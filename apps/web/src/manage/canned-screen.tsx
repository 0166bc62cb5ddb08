import { seesAllTeams } from '@inbox/contracts';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api-client';
import { formatDateTime } from '../format';
import { useWorkspace } from '../shell/workspace-context';
import { TextItemCard } from './text-item-card';
import { TextItemEditor, type TextItemDraft } from './text-item-editor';

interface Canned {
  id: string;
  title: string;
  body: string;
  teamId: string | null;
  updatedAt: string;
}

/** Canned responses: everyone reads those of their teams; supervisors and admins write, edit and remove them, per team or for all. */
export function CannedScreen() {
  const ws = useWorkspace();
  const editor = seesAllTeams(ws.me);
  const [items, setItems] = useState<Canned[] | null>(null);
  const [placeholders, setPlaceholders] = useState<string[]>([]);
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const load = useCallback(() => {
    ws.api
      .get<{ items: Canned[]; placeholders: string[] }>(`/api/canned-responses${q.trim() ? `?q=${encodeURIComponent(q.trim())}` : ''}`)
      .then((answer) => {
        setItems(answer.items);
        setPlaceholders(answer.placeholders);
        setFailure(null);
      })
      .catch((error) => setFailure(errorMessage(error)));
  }, [ws.api, q]);
  useEffect(load, [load]);

  const body = (d: TextItemDraft) => ({ title: d.title.trim(), body: d.body, teamId: d.extra || null });
  const teamField = (value: string, onChange: (v: string) => void) => (
    <label>
      Team
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Every team</option>
        {ws.teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
      </select>
    </label>
  );
  const hint = `Placeholders filled for each case: ${placeholders.map((p) => `{{${p}}}`).join(', ')}`;
  const remove = async (item: Canned) => {
    if (!window.confirm(`Remove the canned response “${item.title}”?`)) return;
    try {
      await ws.api.del(`/api/canned-responses/${item.id}`);
      ws.toast('Canned response removed');
      load();
    } catch (error) {
      ws.toast(errorMessage(error), 'error');
    }
  };

  return (
    <section className="mg-card" aria-label="Canned responses">
      <div className="mg-head">
        <h1>Canned responses</h1>
        <p className="muted">{editor ? 'Write them for every team or for one; agents insert them from the composer (p).' : 'Insert them from the composer with p. Supervisors and admins write and edit them.'}</p>
      </div>
      <div className="mg-filters">
        <label>Search <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Title or text" /></label>
        {editor && editing !== 'new' && <button className="btn btn-primary" onClick={() => setEditing('new')}>New canned response</button>}
      </div>
      {failure && <p className="sv-failure" role="alert">{failure}</p>}
      {editing === 'new' && (
        <div className="mg-item">
          <TextItemEditor
            initial={{ title: '', body: '', extra: '' }}
            extraField={teamField}
            bodyHint={hint}
            saveLabel="Create"
            onCancel={() => setEditing(null)}
            save={async (d) => {
              await ws.api.post('/api/canned-responses', body(d));
              ws.toast('Canned response created');
              setEditing(null);
              load();
            }}
          />
        </div>
      )}
      {items && items.length === 0 && <p className="muted">No canned response{q ? ' matches' : ' yet'}.</p>}
      <ul className="mg-list">
        {items?.map((item) => (
          <li key={item.id} className="mg-item" data-testid="canned-item">
            {editing === item.id ? (
              <TextItemEditor
                initial={{ title: item.title, body: item.body, extra: item.teamId ?? '' }}
                extraField={teamField}
                bodyHint={hint}
                saveLabel="Save"
                onCancel={() => setEditing(null)}
                save={async (d) => {
                  await ws.api.patch(`/api/canned-responses/${item.id}`, body(d));
                  ws.toast('Canned response saved');
                  setEditing(null);
                  load();
                }}
              />
            ) : (
              <TextItemCard
                title={item.title}
                about={`${item.teamId ? ws.teamName(item.teamId) ?? 'One team' : 'Every team'} · edited ${formatDateTime(item.updatedAt)}`}
                body={item.body}
                onEdit={editor ? () => setEditing(item.id) : undefined}
                onRemove={editor ? () => void remove(item) : undefined}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
