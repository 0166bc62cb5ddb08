import { useEffect, useImperativeHandle, useMemo, useRef, useState, type Ref } from 'react';
import { errorMessage } from '../api-client';
import { MacroPicker } from '../macros/macro-picker';
import { channelLabel, readableAddress } from '../format';
import { ChannelIcon, Icon } from '../shell/icons';
import { useShortcuts } from '../shell/shortcuts';
import { useWorkspace, type ConnectedChannel } from '../shell/workspace-context';
import { PickerList } from '../shell/picker-list';
import { PHONE_CHANNELS, type CaseDetail, type Channel, type TimelineMessage } from '@inbox/contracts';
import { phoneForPeople } from '../phone-number';

interface Destination {
  key: string;
  channel: string;
  address: string;
  identityId?: string;
  connected: boolean;
  replyBy?: string;
}

/** Where a reply can go: each identity of the customer, usable when its channel is connected. */
export function destinationsFor(detail: CaseDetail, channels: ConnectedChannel[]): Destination[] {
  return detail.customer.identities.map((identity, i) => {
    const connected = channels.find((c) => c.channel === identity.channel);
    return {
      key: identity.id ?? `${identity.channel}:${identity.address}:${i}`,
      channel: identity.channel,
      address: identity.address,
      identityId: identity.id,
      connected: !!connected,
      replyBy: typeof connected?.replyBy === 'string' ? connected.replyBy : undefined,
    };
  });
}

/** The case's own channel and the address the customer last wrote from, else the first usable identity. */
function defaultDestination(detail: CaseDetail, destinations: Destination[]): Destination | undefined {
  const lastInbound = [...detail.messages].reverse().find((m) => m.direction === 'inbound' && m.channel === detail.channel);
  return (
    destinations.find((d) => d.channel === detail.channel && d.address === lastInbound?.senderAddress) ??
    destinations.find((d) => d.channel === detail.channel) ??
    destinations.find((d) => d.connected)
  );
}

function describeRoute(destination: Destination): string {
  if (destination.channel === 'voice') return destination.replyBy === 'sms' ? 'Voice — answered by SMS' : 'Voice — a call reads your reply out';
  return channelLabel(destination.channel);
}

/** Lets the knowledge base (beside the composer) put text into the reply. */
export interface ComposerHandle {
  insert(text: string): void;
}

type Mode = 'reply' | 'note';

export function Composer({
  detail,
  onSent,
  refresh,
  handle,
}: {
  detail: CaseDetail;
  onSent: (message: TimelineMessage) => void;
  refresh: () => Promise<void>;
  handle?: Ref<ComposerHandle>;
}) {
  const { api, channels, toast, live } = useWorkspace();
  const [mode, setMode] = useState<Mode>('reply');
  const destinations = useMemo(() => destinationsFor(detail, channels), [detail, channels]);
  const [chosen, setChosen] = useState<string | undefined>(() => defaultDestination(detail, destinations)?.key);
  const destination = destinations.find((d) => d.key === chosen) ?? defaultDestination(detail, destinations);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const typing = useRef(false);
  const [cannedOpen, setCannedOpen] = useState(false);
  const [macrosOpen, setMacrosOpen] = useState(false);
  const [cc, setCc] = useState('');
  const [bcc, setBcc] = useState('');
  const [showBcc, setShowBcc] = useState(false);
  const [files, setFiles] = useState<UploadedFile[]>([]);
  const [uploading, setUploading] = useState(0);
  const fileInput = useRef<HTMLInputElement>(null);

  const insert = (snippet: string) => {
    setText((current) => (current.trim() ? `${current.replace(/\s+$/, '')}\n\n${snippet}` : snippet));
    requestAnimationFrame(() => textarea.current?.focus());
  };
  useImperativeHandle(handle, () => ({
    insert: (snippet: string) => {
      setMode('reply');
      insert(snippet);
    },
  }));

  // Typing indicator for colleagues in the same case (ignored by a gateway that does not track it).
  useEffect(() => {
    const nowTyping = text.length > 0;
    if (nowTyping === typing.current) return;
    typing.current = nowTyping;
    live.emit('typing', { caseId: detail.id, typing: nowTyping });
  }, [text, live, detail.id]);
  useEffect(() => () => void (typing.current && live.emit('typing', { caseId: detail.id, typing: false })), [live, detail.id]);

  const closed = detail.status === 'resolved' || detail.status === 'closed';
  const email = mode === 'reply' && destination?.channel === 'email';
  const copied = detail.copied ?? [];
  const problems = (channels.find((c) => c.channel === destination?.channel)?.problems as ChannelProblem[] | undefined) ?? [];
  const canSend = (mode === 'note' || !!destination?.connected) && text.trim().length > 0 && !sending && uploading === 0;

  async function attach(list: FileList | null) {
    for (const file of Array.from(list ?? [])) {
      setUploading((n) => n + 1);
      try {
        const form = new FormData();
        form.append('file', file, file.name);
        const uploaded = await api.upload<UploadedFile>(`/api/cases/${detail.id}/reply-attachments`, form);
        setFiles((current) => [...current, uploaded]);
      } catch (e) {
        setError(`${file.name}: ${errorMessage(e)}`);
      } finally {
        setUploading((n) => n - 1);
      }
    }
    if (fileInput.current) fileInput.current.value = '';
  }

  async function send() {
    if (!canSend) return;
    setSending(true);
    setError(null);
    try {
      if (mode === 'note') {
        await api.post(`/api/cases/${detail.id}/notes`, { text });
        setText('');
        toast('Note added — only colleagues see it');
        void refresh();
        return;
      }
      if (!destination) return;
      const body: Record<string, unknown> = { text };
      if (destination.channel !== detail.channel || destination.identityId) body.channel = destination.channel;
      if (destination.identityId) body.identityId = destination.identityId;
      if (email) {
        const ccList = addressList(cc);
        const bccList = addressList(bcc);
        if (ccList.length) body.cc = ccList;
        if (bccList.length) body.bcc = bccList;
        if (files.length) body.attachmentIds = files.map((f) => f.id);
      }
      const message = await api.post<TimelineMessage>(`/api/cases/${detail.id}/replies`, body);
      onSent(message);
      setText('');
      setCc('');
      setBcc('');
      setFiles([]);
      toast(`Reply queued on ${channelLabel(message.channel)}`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  }

  const focusIn = (next: Mode) => {
    setMode(next);
    requestAnimationFrame(() => textarea.current?.focus());
  };
  useShortcuts([
    { key: 'r', description: 'Write a reply to the customer', group: 'Composer', run: () => focusIn('reply') },
    { key: 'n', description: 'Write an internal note', group: 'Composer', run: () => focusIn('note') },
    { key: 'p', description: 'Pick a canned response', group: 'Composer', run: () => (setMode('reply'), setCannedOpen(true)) },
    { key: 'm', description: 'Apply a macro', group: 'Composer', run: () => setMacrosOpen(true) },
    { key: 'mod+Enter', description: 'Send the reply or note', group: 'Composer', run: () => void send(), inFields: true },
  ]);

  const smsLike = destination && ['sms', 'voice', 'whatsapp'].includes(destination.channel);
  return (
    <form
      className={`composer${mode === 'note' ? ' composer-note' : ''}`}
      aria-label={mode === 'note' ? 'Internal note' : 'Reply'}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <div className="composer-route">
        <div className="composer-tabs" role="tablist" aria-label="Write">
          <button type="button" role="tab" aria-selected={mode === 'reply'} className={mode === 'reply' ? 'active' : ''} onClick={() => focusIn('reply')}>
            Reply
          </button>
          <button type="button" role="tab" aria-selected={mode === 'note'} className={mode === 'note' ? 'active' : ''} onClick={() => focusIn('note')} data-testid="note-tab">
            <Icon name="lock" size={12} /> Internal note
          </button>
        </div>
        {mode === 'note' ? (
          <span className="muted">Only colleagues see notes; nothing is sent to the customer.</span>
        ) : (
          <>
        <span className="muted">on</span>
        {destination ? <ChannelIcon channel={destination.channel} size={12} /> : null}
        <select
          aria-label="Reply channel"
          data-testid="reply-channel"
          value={destination?.key ?? ''}
          onChange={(e) => setChosen(e.target.value)}
          disabled={destinations.length === 0}
        >
          {destinations.length === 0 && <option value="">No channel to reply on</option>}
          {destinations.map((d) => (
            <option key={d.key} value={d.key} disabled={!d.connected}>
              {[describeRoute(d), PHONE_CHANNELS.includes(d.channel as Channel) ? phoneForPeople(d.address) : readableAddress(d.channel, d.address)].filter(Boolean).join(' · ')}{d.connected ? '' : ' (not connected)'}
            </option>
          ))}
        </select>
        {destination && destination.channel !== detail.channel && <span className="chip chip-warn">Not the case’s channel</span>}
          </>
        )}
      </div>
      {mode === 'reply' && problems.length > 0 && (
        <div className="composer-problem" role="status" data-testid="channel-problem">
          <Icon name="alert" size={12} /> {channelLabel(destination?.channel ?? '')} cannot {problems.length === 1 ? 'connect' : 'connect everywhere'}: {problems[0].problem}
          {problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}. Replies wait and go out once it is fixed.
        </div>
      )}
      {email && (
        <div className="composer-copies">
          <label className="composer-copy">
            <span>Cc</span>
            <input value={cc} onChange={(e) => setCc(e.target.value)} placeholder="name@example.com, …" aria-label="Cc" data-testid="reply-cc" />
          </label>
          {copied.length > 0 && (
            <button
              type="button"
              className="btn btn-quiet btn-small"
              onClick={() => setCc(mergeAddresses(cc, copied))}
              title={`The customer copied ${copied.join(', ')}`}
              data-testid="reply-all"
            >
              Reply all ({copied.length})
            </button>
          )}
          {showBcc ? (
            <label className="composer-copy">
              <span>Bcc</span>
              <input value={bcc} onChange={(e) => setBcc(e.target.value)} placeholder="blind copy" aria-label="Bcc" data-testid="reply-bcc" />
            </label>
          ) : (
            <button type="button" className="btn btn-quiet btn-small" onClick={() => setShowBcc(true)} data-testid="add-bcc">
              Bcc
            </button>
          )}
        </div>
      )}
      <textarea
        ref={textarea}
        className="composer-text"
        placeholder={
          mode === 'note'
            ? 'A note for colleagues…  (Ctrl+Enter adds it)'
            : destination?.connected
              ? `Write to ${detail.customerName ?? 'the customer'} on ${channelLabel(destination.channel)}…  (Ctrl+Enter sends)`
              : 'This customer has no connected channel to reply on.'
        }
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && e.currentTarget.blur()}
        disabled={mode === 'reply' && !destination?.connected}
        rows={3}
        aria-label={mode === 'note' ? 'Note text' : 'Reply text'}
      />
      {email && (files.length > 0 || uploading > 0) && (
        <ul className="composer-files" aria-label="Attached files">
          {files.map((f) => (
            <li key={f.id} className="attachment">
              <Icon name="file" size={14} />
              <span>{f.fileName}</span>
              <span className="muted">{formatSize(f.sizeBytes)}</span>
              <button type="button" className="link-button" aria-label={`Remove ${f.fileName}`} onClick={() => setFiles((current) => current.filter((x) => x.id !== f.id))}>
                ×
              </button>
            </li>
          ))}
          {uploading > 0 && <li className="muted small">Uploading…</li>}
        </ul>
      )}
      <div className="composer-foot">
        <div className="composer-tools">
          {email && (
            <>
              <input ref={fileInput} type="file" multiple hidden onChange={(e) => void attach(e.target.files)} data-testid="reply-file" />
              <button type="button" className="btn btn-quiet" onClick={() => fileInput.current?.click()} data-testid="attach-button">
                <Icon name="file" size={14} /> Attach
              </button>
            </>
          )}
          {mode === 'reply' && (
            <div className="menu-wrap">
              <button type="button" className="btn btn-quiet" onClick={() => setCannedOpen((o) => !o)} aria-expanded={cannedOpen} data-testid="canned-button">
                <Icon name="canned" size={14} /> Canned responses
              </button>
              {cannedOpen && <CannedPicker caseId={detail.id} onPick={(t) => (insert(t), setCannedOpen(false))} onClose={() => setCannedOpen(false)} />}
            </div>
          )}
          <div className="menu-wrap">
            <button type="button" className="btn btn-quiet" onClick={() => setMacrosOpen((o) => !o)} aria-expanded={macrosOpen} data-testid="macro-button">
              <Icon name="bolt" size={14} /> Apply macro
            </button>
            {macrosOpen && <MacroPicker caseId={detail.id} onApplied={() => void refresh()} onClose={() => setMacrosOpen(false)} />}
          </div>
          <span className="composer-hint">
            {error ? (
              <span className="form-error" role="alert"><Icon name="alert" size={12} /> {error}</span>
            ) : closed ? (
              'This case is closed; replying does not reopen it.'
            ) : mode === 'reply' && smsLike && text.length > 0 ? (
              `${text.length} characters · ${smsSegments(text)} SMS`
            ) : null}
          </span>
        </div>
        {mode === 'note' ? (
          <button type="submit" className="btn btn-note" disabled={!canSend} data-testid="add-note">
            <Icon name="lock" size={14} /> {sending ? 'Adding…' : 'Add note'}
          </button>
        ) : (
          <button type="submit" className="btn btn-primary" disabled={!canSend} data-testid="send-reply">
            <Icon name="send" size={14} /> {sending ? 'Sending…' : 'Send reply'}
          </button>
        )}
      </div>
    </form>
  );
}

interface UploadedFile {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

interface ChannelProblem {
  account: string;
  problem: string;
  since: string;
}

/** "a@x.com; b@y.com, c@z.com" → the addresses, once each. */
function addressList(value: string): string[] {
  return [...new Set(value.split(/[,;\s]+/).map((a) => a.trim()).filter(Boolean))];
}

function mergeAddresses(current: string, more: string[]): string {
  return [...new Set([...addressList(current), ...more])].join(', ');
}

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** GSM-7 fits 160 characters (153 per part when split); anything else is UCS-2, 70 (67). */
export function smsSegments(text: string): number {
  const gsm = /^[\x20-\x7E\n\r£¥èéùìòÇØøÅåΔΦΓΛΩΠΨΣΘΞÆæßÉÄÖÑÜ§¿äöñüà€]*$/.test(text);
  const [single, multi] = gsm ? [160, 153] : [70, 67];
  return text.length <= single ? 1 : Math.ceil(text.length / multi);
}

interface Canned {
  id: string;
  title: string;
  text: string;
}

/** Canned responses with the customer's name and the case reference already filled in by the server. */
function CannedPicker({ caseId, onPick, onClose }: { caseId: string; onPick: (text: string) => void; onClose: () => void }) {
  const { api } = useWorkspace();
  const [items, setItems] = useState<Canned[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let cancelled = false;
    api
      .get<{ items: Canned[] }>(`/api/cases/${caseId}/canned-responses`)
      .then((r) => !cancelled && setItems(r.items))
      .catch((e) => !cancelled && setError(errorMessage(e)));
    return () => {
      cancelled = true;
    };
  }, [api, caseId]);
  useEffect(() => {
    const close = (e: MouseEvent) => !box.current?.contains(e.target as Node) && onClose();
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [onClose]);
  useShortcuts([{ key: 'Escape', description: 'Close canned responses', group: 'Composer', run: onClose, inFields: true }]);
  const needle = filter.trim().toLowerCase();
  const shown = (items ?? []).filter((c) => !needle || c.title.toLowerCase().includes(needle) || c.text.toLowerCase().includes(needle));
  return (
    <div className="popover canned" ref={box} role="dialog" aria-label="Canned responses">
      <input autoFocus placeholder="Find a canned response" value={filter} onChange={(e) => setFilter(e.target.value)} aria-label="Find a canned response"
        onKeyDown={(e) => e.key === 'Enter' && shown[0] && (e.preventDefault(), onPick(shown[0].text))} />
      <PickerList
        items={items}
        shown={shown}
        error={error}
        noneYet="No canned responses yet. Supervisors add them under /api/canned-responses."
        onPick={(c) => onPick(c.text)}
        title={(c) => c.title}
        detail={(c) => c.text}
      />
    </div>
  );
}
