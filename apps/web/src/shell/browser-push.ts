import type { ApiClient } from '../api-client';

const WORKER_URL = '/notifications-sw.js';

/** Why this browser cannot be notified, or null when it can. */
export function browserPushUnsupported(): string | null {
  if (!('serviceWorker' in navigator) || !('PushManager' in window) || !('Notification' in window)) return 'This browser cannot show notifications from the inbox';
  if (!window.isSecureContext) return 'Browser notifications need the inbox on https';
  return null;
}

/** This browser's current push subscription for the workspace, if it has one. */
export async function currentPushSubscription(): Promise<PushSubscription | null> {
  if (browserPushUnsupported()) return null;
  const registration = await navigator.serviceWorker.getRegistration('/');
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/**
 * "Notify me in this browser": asks permission, registers the service worker,
 * subscribes with the server's VAPID key and hands the subscription to the server.
 */
export async function enableBrowserPush(api: ApiClient): Promise<void> {
  const unsupported = browserPushUnsupported();
  if (unsupported) throw new Error(unsupported);
  const { publicKey } = await api.get<{ publicKey: string | null }>('/api/push-subscriptions/vapid-public-key');
  if (!publicKey) throw new Error('Browser notifications are not set up on this inbox');
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') throw new Error('Notifications are blocked for this site in the browser’s settings');
  await navigator.serviceWorker.register(WORKER_URL, { scope: '/' });
  const registration = await navigator.serviceWorker.ready;
  const subscription =
    (await registration.pushManager.getSubscription()) ??
    (await registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: base64UrlBytes(publicKey) }));
  await api.post('/api/push-subscriptions', subscription.toJSON());
}

export async function disableBrowserPush(api: ApiClient): Promise<void> {
  const subscription = await currentPushSubscription();
  if (!subscription) return;
  await api.del(`/api/push-subscriptions?endpoint=${encodeURIComponent(subscription.endpoint)}`).catch(() => undefined);
  await subscription.unsubscribe();
}

function base64UrlBytes(value: string): Uint8Array<ArrayBuffer> {
  const binary = atob(value.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = new Uint8Array(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
