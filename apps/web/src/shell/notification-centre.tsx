import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { StaffNotification, StaffNotificationNotice } from '@inbox/contracts';
import { errorMessage } from '../api-client';
import { formatDateTime, formatTime } from '../format';
import { browserPushUnsupported, currentPushSubscription, disableBrowserPush, enableBrowserPush } from './browser-push';
import { Icon } from './icons';
import { useWorkspace } from './workspace-context';

const KIND_LABELS: Record<StaffNotification['kind'], string> = { mention: 'Mention', assignment: 'Assigned', deadline: 'Deadline', escalation: 'Escalation', rule: 'Rule' };

/**
 * The bell in the header: my unread count, live from the /agents socket, and
 * a panel of my notifications (each opens its case and is marked read), mark
 * all read, and "Notify me in this browser". Keyboard: Enter/Space opens,
 * arrows move through the list, Escape closes back to the bell.
 */
export function NotificationCentre() {
  const { api, live, toast } = useWorkspace();
  const [items, setItems] = useState<StaffNotification[]>([]);
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const bell = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();

  const load = useCallback(() => {
    api
      .get<{ items: StaffNotification[]; unread: number }>('/api/notifications')
      .then((list) => {
        setItems(list.items);
        setUnread(list.unread);
      })
      .catch(() => undefined);
  }, [api]);

  useEffect(load, [load]);
  // After a reconnect, what arrived while away is read again.
  useEffect(() => live.onReconnect(load), [live, load]);
  useEffect(
    () =>
      live.on('notification', (payload) => {
        const notice = payload as StaffNotificationNotice;
        setItems((list) => [notice.notification, ...list.filter((n) => n.id !== notice.notification.id)].slice(0, 50));
        setUnread(notice.unread);
      }),
    [live],
  );

  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    if (refocus) bell.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    (panel.current?.querySelector<HTMLElement>('.notif-item') ?? panel.current?.querySelector<HTMLElement>('.notif-head button'))?.focus();
    const outside = (event: MouseEvent) => {
      if (!panel.current?.contains(event.target as Node) && !bell.current?.contains(event.target as Node)) close(false);
    };
    document.addEventListener('mousedown', outside);
    return () => document.removeEventListener('mousedown', outside);
  }, [open, close]);

  const markRead = (n: StaffNotification) => {
    if (n.readAt) return;
    setItems((list) => list.map((x) => (x.id === n.id ? { ...x, readAt: new Date().toISOString() } : x)));
    api
      .post<{ unread: number }>(`/api/notifications/${n.id}/read`)
      .then((r) => setUnread(r.unread))
      .catch((error) => toast(errorMessage(error), 'error'));
  };

  const markAll = () => {
    api
      .post<{ unread: number }>('/api/notifications/read-all')
      .then((r) => {
        setUnread(r.unread);
        setItems((list) => list.map((x) => (x.readAt ? x : { ...x, readAt: new Date().toISOString() })));
      })
      .catch((error) => toast(errorMessage(error), 'error'));
  };

  const onPanelKey = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close(true);
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const links = [...(panel.current?.querySelectorAll<HTMLElement>('.notif-item') ?? [])];
    if (links.length === 0) return;
    event.preventDefault();
    const at = links.indexOf(document.activeElement as HTMLElement);
    const next = event.key === 'ArrowDown' ? (at + 1) % links.length : (at <= 0 ? links.length : at) - 1;
    links[next].focus();
  };

  const label = unread === 0 ? 'Notifications, none unread' : `Notifications, ${unread} unread`;
  return (
    <div className="notif">
      <button
        ref={bell}
        className="icon-btn on-dark notif-bell"
        aria-label={label}
        title={label}
        aria-expanded={open}
        aria-controls={panelId}
        aria-haspopup="dialog"
        onClick={() => setOpen((o) => !o)}
        data-testid="notification-bell"
      >
        <Icon name="bell" size={18} />
        {unread > 0 && (
          <span className="notif-count" data-testid="notification-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      {open && (
        <div ref={panel} id={panelId} className="notif-panel" role="dialog" aria-label="Notifications" onKeyDown={onPanelKey}>
          <div className="notif-head">
            <h2>Notifications</h2>
            <button className="btn btn-small" onClick={markAll} disabled={unread === 0}>
              Mark all read
            </button>
          </div>
          {items.length === 0 ? (
            <p className="notif-empty">Nothing yet. Mentions, cases assigned to you, deadlines at risk on your cases and escalations to you appear here.</p>
          ) : (
            <ul className="notif-list" aria-label="Your notifications">
              {items.map((n) => (
                <li key={n.id}>
                  <a
                    className={`notif-item${n.readAt ? '' : ' unread'}`}
                    href={`#/cases/${n.caseId}`}
                    data-testid="notification-item"
                    onClick={() => {
                      markRead(n);
                      close(false);
                    }}
                  >
                    <span className={`notif-kind notif-kind-${n.kind}`}>{KIND_LABELS[n.kind]}</span>
                    <span className="notif-title">
                      <TitleWithReference title={n.title} reference={n.caseReference} />
                      {!n.readAt && <span className="sr-only"> (unread)</span>}
                    </span>
                    {n.body && <span className="notif-body">{n.body}</span>}
                    <time dateTime={n.createdAt} title={formatDateTime(n.createdAt)}>{formatTime(n.createdAt)}</time>
                  </a>
                </li>
              ))}
            </ul>
          )}
          <BrowserPushToggle />
        </div>
      )}
    </div>
  );
}

/** The title with the case reference kept on one line (a reference like C-000001 would otherwise break at its hyphen). */
function TitleWithReference({ title, reference }: { title: string; reference: string }) {
  const at = title.indexOf(reference);
  if (at < 0) return <>{title}</>;
  return (
    <>
      {title.slice(0, at)}
      <span className="notif-ref">{reference}</span>
      {title.slice(at + reference.length)}
    </>
  );
}

/** "Notify me in this browser": a service worker and a push subscription, so pushes reach a closed workspace. */
function BrowserPushToggle() {
  const { api, toast } = useWorkspace();
  const [serverOff, setServerOff] = useState(false);
  const unsupported = browserPushUnsupported() ?? (serverOff ? 'Browser notifications are not set up on this inbox' : null);
  const [on, setOn] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    currentPushSubscription()
      .then((s) => setOn(Boolean(s)))
      .catch(() => undefined);
    api
      .get<{ publicKey: string | null }>('/api/push-subscriptions/vapid-public-key')
      .then((r) => setServerOff(!r.publicKey))
      .catch(() => undefined);
  }, [api]);
  const toggle = async (wanted: boolean) => {
    setBusy(true);
    try {
      if (wanted) await enableBrowserPush(api);
      else await disableBrowserPush(api);
      setOn(wanted);
      toast(wanted ? 'This browser will notify you, even with the workspace closed' : 'This browser will no longer notify you');
    } catch (error) {
      toast(errorMessage(error), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <label className="notif-push" title={unsupported ?? undefined}>
      <input type="checkbox" checked={on} disabled={busy || Boolean(unsupported)} onChange={(e) => void toggle(e.target.checked)} data-testid="browser-push-toggle" />
      Notify me in this browser
      {unsupported && <span className="muted"> — {unsupported}</span>}
    </label>
  );
}
