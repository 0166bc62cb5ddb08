import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import webPush from 'web-push';
import { InvalidInputError, UnavailableError, type StaffNotification } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';

/** A browser's push subscription as PushSubscription.toJSON() gives it. */
export interface PushSubscriptionInput {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** What the service worker receives (kept small: push services cap payloads near 4 KB). */
export interface WebPushPayload {
  id: string;
  title: string;
  body: string;
  caseId: string;
  url: string;
}

const PUSH_TTL_SECONDS = 24 * 3600;
const PUSH_TIMEOUT_MS = 10_000;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * Browser push (Web Push, VAPID-signed, aes128gcm-encrypted by `web-push`) to
 * each browser a staff member asked to be told in: reaches them with the
 * workspace closed. A subscription the push service says is gone (404/410) is
 * dropped.
 */
@Injectable()
export class WebPushSender {
  private readonly logger = new Logger(WebPushSender.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The key browsers subscribe with, or null when push is off (DATABASE_URL without VAPID keys). */
  publicKey(): string | null {
    return this.config.webPush.publicKey ?? null;
  }

  async subscribe(userId: string, input: PushSubscriptionInput): Promise<{ id: string }> {
    if (!this.publicKey()) throw new UnavailableError('web_push_off', 'Browser push is not set up here (VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY)');
    const endpoint = parseEndpoint(input?.endpoint, this.config.webPush.hosts);
    const { p256dh, auth } = input?.keys ?? ({} as PushSubscriptionInput['keys']);
    if (typeof p256dh !== 'string' || !BASE64URL.test(p256dh) || Buffer.from(p256dh, 'base64url').length !== 65) {
      throw new InvalidInputError('invalid_push_key', 'keys.p256dh must be the browser’s P-256 public key (URL-safe base64)');
    }
    if (typeof auth !== 'string' || !BASE64URL.test(auth) || Buffer.from(auth, 'base64url').length !== 16) {
      throw new InvalidInputError('invalid_push_key', 'keys.auth must be the 16-byte authentication secret (URL-safe base64)');
    }
    // An endpoint belongs to one browser: signing in as someone else there moves it to them.
    const [row] = (await this.db.query(
      `INSERT INTO staff_push_subscriptions (user_id, endpoint, p256dh, auth) VALUES ($1, $2, $3, $4)
       ON CONFLICT (endpoint) DO UPDATE SET user_id = EXCLUDED.user_id, p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth
       RETURNING id`,
      [userId, endpoint, p256dh, auth],
    )) as Array<{ id: string }>;
    return row;
  }

  async unsubscribe(userId: string, endpoint: unknown): Promise<{ removed: number }> {
    const [, removed] = (await this.db.query(`DELETE FROM staff_push_subscriptions WHERE user_id = $1 AND endpoint = $2`, [userId, parseEndpoint(endpoint, this.config.webPush.hosts)])) as [
      unknown,
      number,
    ];
    return { removed };
  }

  /** Pushes one notification to each of its owner's browsers; failures are logged, never thrown (the centre has it). */
  async send(notification: StaffNotification): Promise<void> {
    const { publicKey, privateKey, subject } = this.config.webPush;
    if (!publicKey || !privateKey) return;
    const subscriptions = (await this.db.query(`SELECT id, endpoint, p256dh, auth FROM staff_push_subscriptions WHERE user_id = $1`, [
      notification.userId,
    ])) as Array<{ id: string; endpoint: string; p256dh: string; auth: string }>;
    const payload: WebPushPayload = {
      id: notification.id,
      title: notification.title,
      body: notification.body,
      caseId: notification.caseId,
      url: `/#/cases/${notification.caseId}`,
    };
    await Promise.all(
      subscriptions.map(async (s) => {
        // web-push encrypts and signs; the request itself goes by fetch, which also reaches a loopback http stand-in.
        const request = webPush.generateRequestDetails({ endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } }, JSON.stringify(payload), {
          vapidDetails: { subject, publicKey, privateKey },
          TTL: PUSH_TTL_SECONDS,
          contentEncoding: 'aes128gcm',
        });
        try {
          const res = await fetch(request.endpoint, {
            method: request.method,
            headers: request.headers as Record<string, string>,
            body: request.body ?? undefined,
            signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
          });
          await res.body?.cancel();
          if (res.status === 404 || res.status === 410) {
            await this.db.query(`DELETE FROM staff_push_subscriptions WHERE id = $1`, [s.id]);
          } else if (!res.ok) {
            this.logger.warn({ msg: 'browser push refused', status: res.status, endpointHost: new URL(s.endpoint).host });
          }
        } catch (error) {
          this.logger.warn({ msg: 'browser push failed', endpointHost: new URL(s.endpoint).host, err: error });
        }
      }),
    );
  }
}

function parseEndpoint(endpoint: unknown, hosts: readonly string[]): string {
  if (typeof endpoint !== 'string' || endpoint.length > 2048) throw new InvalidInputError('invalid_push_endpoint', 'endpoint must be the push service URL');
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new InvalidInputError('invalid_push_endpoint', 'endpoint must be the push service URL');
  }
  // Only a known push service (WEB_PUSH_HOSTS): the server posts to this URL, so any other host would let a
  // signed-in user make it call an address of their choosing.
  const host = url.hostname.toLowerCase();
  const listed = hosts.some((allowed) => (allowed.startsWith('*.') ? host.endsWith(allowed.slice(1)) : host === allowed));
  if (!listed) throw new InvalidInputError('invalid_push_endpoint', `endpoint must be a push service this inbox knows (WEB_PUSH_HOSTS), not ${host}`);
  // Push services speak https; plain http only to a listed host on this machine (a push service stand-in while testing).
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(host);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) throw new InvalidInputError('invalid_push_endpoint', 'endpoint must be an https URL');
  return url.toString();
}
