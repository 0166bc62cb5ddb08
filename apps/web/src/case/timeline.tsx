import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import { NoteText } from './note-text';
import { errorMessage } from '../api-client';
import { channelLabel, formatDateTime, formatTime, readableAddress } from '../format';
import { ChannelIcon, Icon, type IconName } from '../shell/icons';
import { useWorkspace } from '../shell/workspace-context';
import { attachmentLink, saveFile } from './attachment-links';
import { EmailHtmlFrame, SenderCheck } from './email-html-frame';
import type { AttachmentRef, CaseDetail, CaseHistoryEntry, CaseNote, SatisfactionEntry, TimelineMessage } from '@inbox/contracts';
import { claimedTimeWorthShowing, describeEvent, timelineOf } from './case-detail';
import { messageSignalTags } from './message-signals';
import { RedactionNotice } from './redaction-notice';

/** Every message of the case on every channel, internal notes and the case's history, oldest first. */
export function Timeline({ detail }: { detail: CaseDetail }) {
  const items = useMemo(() => timelineOf(detail), [detail]);
  const scroller = useRef<HTMLDivElement>(null);
  const [unseen, setUnseen] = useState(0);
  const lastCount = useRef(0);
  const nearBottom = () => {
    const el = scroller.current;
    return !el || el.scrollHeight - el.scrollTop - el.clientHeight < 120;
  };

  // Open at the newest; follow new items only when already at the bottom, so reading is never yanked.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (lastCount.current === 0 || nearBottom()) {
      el.scrollTop = el.scrollHeight;
      setUnseen(0);
    } else if (items.length > lastCount.current) {
      setUnseen((n) => n + items.length - lastCount.current);
    }
    lastCount.current = items.length;
  }, [items.length]);
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => nearBottom() && setUnseen(0);
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  return (
    <div className="timeline-wrap">
      <div className="timeline" ref={scroller} data-testid="timeline" aria-label="Timeline">
        {items.length === 0 && <div className="timeline-empty">No messages yet.</div>}
        {items.map((item) =>
          item.kind === 'message' ? (
            <MessageItem key={item.key} message={item.message} otherCase={item.otherCase} />
          ) : item.kind === 'note' ? (
            <NoteItem key={item.key} note={item.note} otherCase={item.otherCase} />
          ) : item.kind === 'satisfaction' ? (
            <SatisfactionItem key={item.key} entry={item.satisfaction} otherCase={item.otherCase} />
          ) : (
            <EventItem key={item.key} event={item.event} />
          ),
        )}
      </div>
      {unseen > 0 && (
        <button className="new-pill" onClick={() => scroller.current?.scrollTo({ top: scroller.current.scrollHeight, behavior: 'smooth' })}>
          {unseen} new ↓
        </button>
      )}
    </div>
  );
}

const DELIVERY: Record<string, { label: string; icon: IconName; tone: string }> = {
  queued: { label: 'Queued', icon: 'clock', tone: 'pending' },
  accepted: { label: 'Accepted', icon: 'clock', tone: 'pending' },
  sending: { label: 'Sending', icon: 'clock', tone: 'pending' },
  sent: { label: 'Sent', icon: 'check', tone: 'sent' },
  delivered: { label: 'Delivered', icon: 'checks', tone: 'delivered' },
  read: { label: 'Read', icon: 'checks', tone: 'read' },
  undelivered: { label: 'Not delivered', icon: 'alert', tone: 'failed' },
  failed: { label: 'Failed', icon: 'alert', tone: 'failed' },
};

function OtherCase({ reference }: { reference: string | null }) {
  return reference ? <span className="chip chip-other" title="A message of this customer’s other case">{reference}</span> : null;
}

const MessageItem = memo(function MessageItem({ message, otherCase }: { message: TimelineMessage; otherCase: string | null }) {
  const outbound = message.direction === 'outbound';
  const [formatted, setFormatted] = useState(Boolean(message.hasHtml));
  const delivery = message.deliveryStatus ? DELIVERY[message.deliveryStatus] ?? { label: message.deliveryStatus, icon: 'clock' as const, tone: 'pending' } : null;
  return (
    <article
      className={`msg ${outbound ? 'msg-out' : 'msg-in'}${otherCase ? ' msg-other' : ''}`}
      data-testid="message"
      data-message-id={message.id}
      data-direction={message.direction}
    >
      <div className="msg-meta">
        <ChannelIcon channel={message.channel} size={12} />
        <span>
          {outbound
            ? `${message.authorName ?? 'Automatic'} · ${channelLabel(message.channel)}`
            : [channelLabel(message.channel), readableAddress(message.channel, message.senderAddress)].filter(Boolean).join(' · ')}
        </span>
        <OtherCase reference={otherCase} />
        <time dateTime={message.receivedAt} title={`${outbound ? 'Written' : 'Received'} ${formatDateTime(message.receivedAt)}`}>{formatTime(message.receivedAt)}</time>
        <ClaimedTime message={message} />
      </div>
      {(message.senderAuth || message.hasHtml || message.cc?.length || message.bcc?.length) && (
        <div className="msg-email">
          {message.senderAuth && <SenderCheck auth={message.senderAuth} />}
          {message.cc?.length ? <span className="muted">Cc {message.cc.join(', ')}</span> : null}
          {message.bcc?.length ? <span className="muted">Bcc {message.bcc.join(', ')}</span> : null}
          {message.hasHtml && (
            <span className="seg" role="group" aria-label="Show the mail as">
              <button type="button" className={formatted ? 'active' : ''} aria-pressed={formatted} onClick={() => setFormatted(true)} data-testid="show-formatted">
                Formatted
              </button>
              <button type="button" className={formatted ? '' : 'active'} aria-pressed={!formatted} onClick={() => setFormatted(false)} data-testid="show-plain">
                Plain text
              </button>
            </span>
          )}
        </div>
      )}
      {message.redactions?.length ? <RedactionNotice redactions={message.redactions} /> : null}
      <div className={`msg-bubble${message.hasHtml && formatted ? ' msg-bubble-html' : ''}`}>
        {message.hasHtml && formatted ? (
          <EmailHtmlFrame messageId={message.id} />
        ) : message.text ? (
          <div className="msg-text">{message.text}</div>
        ) : (
          <div className="msg-text muted">(no text)</div>
        )}
        {message.attachments && message.attachments.length > 0 && <Attachments items={shownAttachments(message.attachments, Boolean(message.hasHtml && formatted))} />}
      </div>
      {!outbound && message.classification && <Signals classification={message.classification} />}
      {outbound && delivery && (
        <div className={`delivery delivery-${delivery.tone}`} data-testid="delivery-status" data-status={message.deliveryStatus}>
          <Icon name={delivery.icon} size={12} />
          {delivery.label}
          {message.deliveryError && <span className="delivery-error"> — {message.deliveryError}</span>}
        </div>
      )}
    </article>
  );
});

/** The sender's own time, beside ours when they differ: deadlines count from when the firm received the message. */
function ClaimedTime({ message }: { message: TimelineMessage }) {
  const sentAt = claimedTimeWorthShowing(message);
  if (!sentAt) return null;
  const sameDay = new Date(sentAt).toDateString() === new Date(message.receivedAt).toDateString();
  return (
    <span className="msg-claimed" data-testid="claimed-time" title={`The sender’s side says it was sent ${formatDateTime(sentAt)}; deadlines count from when we received it`}>
      sent {sameDay ? formatTime(sentAt) : formatDateTime(sentAt)}
    </span>
  );
}

/** What triage read in the message that the agent should not miss (message-signals.ts). */
function Signals({ classification }: { classification: NonNullable<TimelineMessage['classification']> }) {
  const tags = messageSignalTags(classification);
  if (tags.length === 0) return null;
  return (
    <div className="signals" data-testid="signals">
      {tags.map((t) => (
        <span key={t.text} className={`chip${t.tone === 'warn' ? ' chip-warn' : t.tone === 'bad' ? ' chip-bad' : ''}`} title={t.title}>{t.text}</span>
      ))}
    </div>
  );
}

/** With the formatted mail on screen, its inline pictures are in it rather than in the list. */
function shownAttachments(items: AttachmentRef[], formatted: boolean): AttachmentRef[] {
  return formatted ? items.filter((a) => !a.inline) : items;
}

function Attachments({ items }: { items: AttachmentRef[] }) {
  return (
    <ul className="attachments">
      {items.map((a, i) => (
        <li key={`${a.url}-${i}`}>
          <AttachmentItem attachment={a} />
        </li>
      ))}
    </ul>
  );
}

/** One attachment: the inbox's own bytes are fetched with the staff token and saved; other links only when they are web links. */
function AttachmentItem({ attachment: a }: { attachment: AttachmentRef }) {
  const { api, toast } = useWorkspace();
  const type = a.contentType ?? '';
  const icon: IconName = type.startsWith('image/') ? 'image' : type.startsWith('audio/') || a.durationSeconds ? 'play' : 'file';
  const name = a.fileName ?? (a.durationSeconds ? `Recording (${a.durationSeconds}s)` : type || 'Attachment');
  const body = (
    <>
      <Icon name={icon} size={14} />
      <span>{name}</span>
      {type && <span className="muted">{type}</span>}
    </>
  );
  const link = attachmentLink(a.url);
  if (link.kind === 'inbox') {
    const save = async (event: MouseEvent) => {
      event.preventDefault();
      try {
        saveFile(await api.download(link.path), a.fileName ?? 'attachment');
      } catch (error) {
        toast(`The attachment could not be downloaded: ${errorMessage(error)}`, 'error');
      }
    };
    return (
      <a href={link.path} onClick={(event) => void save(event)} className="attachment" data-testid="attachment-link">
        {body}
      </a>
    );
  }
  if (link.kind === 'web') {
    return (
      <a href={link.href} target="_blank" rel="noreferrer noopener" className="attachment" data-testid="attachment-link">
        {body}
      </a>
    );
  }
  return (
    <span className="attachment" title="Its address is not a web link, so the inbox does not open it">
      {body}
    </span>
  );
}

const NoteItem = memo(function NoteItem({ note, otherCase }: { note: CaseNote; otherCase: string | null }) {
  const { staffName } = useWorkspace();
  const author = note.authorName ?? staffName(note.authorUserId) ?? 'An agent';
  return (
    <article className="note" data-testid="note">
      <div className="note-head">
        <Icon name="lock" size={12} /> Internal note · {author}
        <OtherCase reference={otherCase} />
        <time dateTime={note.createdAt} title={formatDateTime(note.createdAt)}>{formatTime(note.createdAt)}</time>
      </div>
      <NoteText text={note.text} mentions={note.mentions} />
    </article>
  );
});

const SatisfactionItem = memo(function SatisfactionItem({ entry, otherCase }: { entry: SatisfactionEntry; otherCase: string | null }) {
  const at = entry.answeredAt ?? entry.askedAt;
  return (
    <div className="csat" data-testid="satisfaction">
      <Icon name="resolve" size={14} />
      {entry.score !== null ? (
        <span>
          Customer rated the service <strong className={`csat-score csat-${entry.score}`}>{entry.score}/5</strong>
          {entry.answer && entry.answer.trim() !== String(entry.score) ? <span className="muted"> — “{entry.answer}”</span> : null}
        </span>
      ) : (
        <span className="muted">Satisfaction question sent on {channelLabel(entry.channel)} — no answer yet</span>
      )}
      <OtherCase reference={otherCase} />
      <time dateTime={at} title={formatDateTime(at)}>{formatTime(at)}</time>
    </div>
  );
});

const EventItem = memo(function EventItem({ event }: { event: CaseHistoryEntry }) {
  const { staffName, teamName } = useWorkspace();
  const actor = event.actorName ?? staffName(event.actorUserId) ?? (event.actorUserId ? 'an agent' : null);
  const alert = event.type.startsWith('deadline.');
  return (
    <div className={`history${alert ? ' history-alert' : ''}`} data-testid="history-event" data-type={event.type}>
      <span className="history-line" />
      <span className="history-text">
        {describeEvent(event, actor, teamName)} · <time dateTime={event.at} title={formatDateTime(event.at)}>{formatTime(event.at)}</time>
      </span>
      <span className="history-line" />
    </div>
  );
});
