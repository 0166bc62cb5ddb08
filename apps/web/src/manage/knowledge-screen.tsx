import { seesAllTeams } from '@inbox/contracts';
import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api-client';
import { formatDate } from '../format';
import { useWorkspace } from '../shell/workspace-context';
import { TextItemCard } from './text-item-card';
import { TextItemEditor, type TextItemDraft } from './text-item-editor';

interface Article {
  id: string;
  title: string;
  body: string;
  category: string | null;
  sourceCaseId: string | null;
  sourceCaseReference: string | null;
  createdAt: string;
}

const LIMIT = 50;

/** The knowledge base: search or browse the newest; supervisors and admins write articles by hand and edit any, including those saved from cases. */
export function KnowledgeScreen() {
  const ws = useWorkspace();
  const editor = seesAllTeams(ws.me);
  const [answer, setAnswer] = useState<{ items: Article[]; total?: number } | null>(null);
  const [q, setQ] = useState('');
  const [editing, setEditing] = useState<string | 'new' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const load = useCallback(() => {
    ws.api
      .get<{ items: Article[]; total?: number }>(`/api/knowledge?limit=${LIMIT}${q.trim() ? `&q=${encodeURIComponent(q.trim())}` : ''}`)
      .then((a) => {
        setAnswer(a);
        setFailure(null);
      })
      .catch((error) => setFailure(errorMessage(error)));
  }, [ws.api, q]);
  useEffect(load, [load]);

  const body = (d: TextItemDraft) => ({ title: d.title.trim(), body: d.body.trim(), category: d.extra.trim() || null });
  const categoryField = (value: string, onChange: (v: string) => void) => (
    <label>
      Category <input value={value} onChange={(e) => onChange(e.target.value)} placeholder="e.g. card/fees" />
    </label>
  );
  const remove = async (a: Article) => {
    if (!window.confirm(`Remove the article “${a.title}”?`)) return;
    try {
      await ws.api.del(`/api/knowledge/${a.id}`);
      ws.toast('Article removed');
      load();
    } catch (error) {
      ws.toast(errorMessage(error), 'error');
    }
  };
  const items = answer?.items ?? [];

  return (
    <section className="mg-card" aria-label="Knowledge base">
      <div className="mg-head">
        <h1>Knowledge base</h1>
        <p className="muted">Past resolutions and how-tos, searched from each case’s Knowledge tab (f).</p>
      </div>
      <div className="mg-filters">
        <label>Search <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="Words, “a phrase”, -not" /></label>
        {editor && editing !== 'new' && <button className="btn btn-primary" onClick={() => setEditing('new')}>New article</button>}
      </div>
      {failure && <p className="sv-failure" role="alert">{failure}</p>}
      {editing === 'new' && (
        <div className="mg-item">
          <TextItemEditor
            initial={{ title: '', body: '', extra: '' }}
            extraField={categoryField}
            saveLabel="Publish"
            onCancel={() => setEditing(null)}
            save={async (d) => {
              const { category, ...rest } = body(d);
              await ws.api.post('/api/knowledge', category ? { ...rest, category } : rest);
              ws.toast('Article published');
              setEditing(null);
              load();
            }}
          />
        </div>
      )}
      {answer && (
        <p className="muted small" data-testid="knowledge-count">
          {q.trim() ? `${items.length} best match${items.length === 1 ? '' : 'es'}` : `The newest ${items.length} of ${answer.total ?? items.length} articles`}
        </p>
      )}
      <ul className="mg-list">
        {items.map((a) => (
          <li key={a.id} className="mg-item" data-testid="knowledge-item">
            {editing === a.id ? (
              <TextItemEditor
                initial={{ title: a.title, body: a.body, extra: a.category ?? '' }}
                extraField={categoryField}
                saveLabel="Save"
                onCancel={() => setEditing(null)}
                save={async (d) => {
                  await ws.api.patch(`/api/knowledge/${a.id}`, body(d));
                  ws.toast('Article saved');
                  setEditing(null);
                  load();
                }}
              />
            ) : (
              <TextItemCard
                title={a.title}
                about={
                  <>
                    {a.category ? `${a.category} · ` : ''}
                    {a.sourceCaseReference ? <>from <a href={`#/cases/${a.sourceCaseId}`}>{a.sourceCaseReference}</a> · </> : 'written by hand · '}
                    {formatDate(a.createdAt)}
                  </>
                }
                body={a.body}
                onEdit={editor ? () => setEditing(a.id) : undefined}
                onRemove={editor ? () => void remove(a) : undefined}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
