import { useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../api-client';
import { channelLabel } from '../format';
import { ChannelIcon, Icon } from '../shell/icons';
import { useShortcuts } from '../shell/shortcuts';
import { useWorkspace, type ConnectedChannel } from '../shell/workspace-context';
import type { CaseDetail, TimelineMessage } from './case-detail';

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

export function Composer({ detail, onSent }: { detail: CaseDetail; onSent: (message: TimelineMessage) => void; refresh: () => Promise<void> }) {
  const { api, channels, toast, live } = useWorkspace();
  const destinations = useMemo(() => destinationsFor(detail, channels), [detail, channels]);
  const [chosen, setChosen] = useState<string | undefined>(() => defaultDestination(detail, destinations)?.key);
  const destination = destinations.find((d) => d.key === chosen) ?? defaultDestination(detail, destinations);
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const typing = useRef(false);

  // Typing indicator for colleagues in the same case (ignored by a gateway that does not track it).
  useEffect(() => {
    const nowTyping = text.length > 0;
    if (nowTyping === typing.current) return;
    typing.current = nowTyping;
    live.emit('case.typing', { caseId: detail.id, typing: nowTyping });
  }, [text, live, detail.id]);
  useEffect(() => () => void (typing.current && live.emit('case.typing', { caseId: detail.id, typing: false })), [live, detail.id]);

  const closed = detail.status === 'resolved' || detail.status === 'closed';
  const canSend = !!destination?.connected && text.trim().length > 0 && !sending;

  async function send() {
    if (!destination || !canSend) return;
    setSending(true);
    setError(null);
    try {
      const body: Record<string, string> = { text };
      if (destination.channel !== detail.channel || destination.identityId) body.channel = destination.channel;
      if (destination.identityId) body.identityId = destination.identityId;
      const message = await api.post<TimelineMessage>(`/api/cases/${detail.id}/replies`, body);
      onSent(message);
      setText('');
      toast(`Reply queued on ${channelLabel(message.channel)}`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSending(false);
    }
  }

  useShortcuts([
    { key: 'r', description: 'Write a reply', group: 'Composer', run: () => textarea.current?.focus() },
    { key: 'mod+Enter', description: 'Send the reply', group: 'Composer', run: () => void send(), inFields: true },
  ]);

  const smsLike = destination && ['sms', 'voice', 'whatsapp'].includes(destination.channel);
  return (
    <form
      className="composer"
      aria-label="Reply"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <div className="composer-route">
        <span className="muted">Reply on</span>
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
              {describeRoute(d)} · {d.address}{d.connected ? '' : ' (not connected)'}
            </option>
          ))}
        </select>
        {destination && destination.channel !== detail.channel && <span className="chip chip-warn">Not the case’s channel</span>}
      </div>
      <textarea
        ref={textarea}
        className="composer-text"
        placeholder={
          destination?.connected
            ? `Write to ${detail.customerName ?? 'the customer'} on ${channelLabel(destination.channel)}…  (Ctrl+Enter sends)`
            : 'This customer has no connected channel to reply on.'
        }
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && e.currentTarget.blur()}
        disabled={!destination?.connected}
        rows={3}
        aria-label="Reply text"
      />
      <div className="composer-foot">
        <div className="composer-tools">
          <span className="composer-hint">
            {error ? (
              <span className="form-error" role="alert"><Icon name="alert" size={12} /> {error}</span>
            ) : closed ? (
              'This case is closed; replying does not reopen it.'
            ) : smsLike && text.length > 0 ? (
              `${text.length} characters · ${smsSegments(text)} SMS`
            ) : null}
          </span>
        </div>
        <button type="submit" className="btn btn-primary" disabled={!canSend} data-testid="send-reply">
          <Icon name="send" size={14} /> {sending ? 'Sending…' : 'Send reply'}
        </button>
      </div>
    </form>
  );
}

/** GSM-7 fits 160 characters (153 per part when split); anything else is UCS-2, 70 (67). */
export function smsSegments(text: string): number {
  const gsm = /^[\x20-\x7E\n\r£¥èéùìòÇØøÅåΔΦΓΛΩΠΨΣΘΞÆæßÉÄÖÑÜ§¿äöñüà€]*$/.test(text);
  const [single, multi] = gsm ? [160, 153] : [70, 67];
  return text.length <= single ? 1 : Math.ceil(text.length / multi);
}
