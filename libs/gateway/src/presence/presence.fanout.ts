import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { BUS, type Bus } from '@inbox/bus';
import { TOPICS } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { AgentsGateway } from '../agents.gateway';

/** Every gateway instance receives every presence change (a group of its own) and pushes it to the case's room. */
@Injectable()
export class PresenceFanout implements OnModuleInit {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly gateway: AgentsGateway,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(TOPICS.presence, { group: `presence-${this.config.instanceId}` }, async (record) => {
      this.gateway.broadcastPresence(record.value);
    });
  }
}
