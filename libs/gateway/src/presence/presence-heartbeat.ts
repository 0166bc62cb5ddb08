import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AgentPresenceStore } from '@inbox/workspace';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';

/**
 * Keeps this instance's presence rows fresh (agents online, cases viewed), so
 * other instances and push assignment can trust them; a crashed instance's
 * rows go stale after AGENT_PRESENCE_TTL_SECONDS.
 */
@Injectable()
export class PresenceHeartbeat implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PresenceHeartbeat.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly presence: AgentPresenceStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // A restarted instance with the same INSTANCE_ID has no connections yet.
    await this.presence.clearInstance();
    const every = Math.max(1_000, (this.config.workspace.presenceTtlSeconds * 1_000) / 3);
    this.timer = setInterval(() => {
      this.presence.heartbeat().catch((error: unknown) => this.logger.warn({ msg: 'presence heartbeat failed', err: error }));
    }, every);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.presence.clearInstance().catch(() => undefined);
  }
}
