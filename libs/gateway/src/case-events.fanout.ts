import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { BUS, type Bus } from '@inbox/bus';
import { TOPICS } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { AgentsGateway } from './agents.gateway';

/**
 * Every gateway instance receives every case event (a consumer group of its
 * own) and pushes it to its connected agents, so an agent on instance A sees
 * what happened through instance B.
 */
@Injectable()
export class CaseEventsFanout implements OnModuleInit {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly gateway: AgentsGateway,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(TOPICS.caseEvents, { group: `gateway-${this.config.instanceId}` }, async (record) => {
      this.gateway.broadcast(record.value);
    });
  }
}
