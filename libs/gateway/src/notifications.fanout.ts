import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { BUS, type Bus } from '@inbox/bus';
import { TOPICS } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { AgentsGateway } from './agents.gateway';

/** Every gateway instance receives every new staff notification (a group of its own) and pushes it to its owner's sockets. */
@Injectable()
export class NotificationsFanout implements OnModuleInit {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly gateway: AgentsGateway,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(TOPICS.staffNotifications, { group: `notifications-${this.config.instanceId}` }, async (record) => {
      this.gateway.notify(record.value);
    });
  }
}
