import { Injectable } from '@nestjs/common';

/** One connection's state as /health shows it (e.g. a mailbox: connected, or reconnecting with the last error). */
export interface ComponentHealth {
  ok: boolean;
  [detail: string]: unknown;
}

/**
 * Long-lived connections to providers (mailboxes, bot long polling) register
 * here so GET /health says when one is down and retrying. Their outage makes
 * the inbox "degraded" but not unhealthy: restarting it would not bring a
 * mail server back, so the HTTP status stays 200 for them.
 */
@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, () => ComponentHealth>();

  register(name: string, check: () => ComponentHealth): void {
    this.checks.set(name, check);
  }

  unregister(name: string): void {
    this.checks.delete(name);
  }

  report(): Record<string, ComponentHealth> {
    return Object.fromEntries([...this.checks].map(([name, check]) => [name, check()]));
  }
}
