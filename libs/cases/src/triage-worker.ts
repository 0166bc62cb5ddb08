import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { BUS, type Bus, type BusRecord } from '@inbox/bus';
import { TOPICS, type InboundMessage } from '@inbox/contracts';
import { logContext } from '@inbox/platform';
import { InboundIntakeService } from './inbound-intake.service';
import { OutboxRelay } from './outbox-relay';

/**
 * The thin consumer around intake: consumer group `triage`, so workers share
 * partitions; the bus commits the record only after the transaction commits.
 */
@Injectable()
export class TriageWorker implements OnModuleInit {
  private readonly logger = new Logger(TriageWorker.name);

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    private readonly intake: InboundIntakeService,
    private readonly relay: OutboxRelay,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(TOPICS.inbound, { group: 'triage', fromBeginning: true }, (record) => this.handle(record));
  }

  async handle(record: BusRecord<InboundMessage>): Promise<void> {
    // The key names the sender (channel + address): log only a digest of it, never the address itself.
    const position = record.offset ?? createHash('sha256').update(record.key).digest('hex').slice(0, 16);
    await logContext.run({ correlationId: `${record.topic}:${record.partition ?? '-'}:${position}` }, async () => {
      const outcome = await this.intake.intake(record.value);
      this.logger.debug({ msg: 'inbound handled', outcome: outcome.kind, messageId: outcome.messageId });
      // Push the new events now rather than at the next sweep; not awaited, so the source's ack is not delayed.
      if (outcome.kind !== 'duplicate') void this.relay.kick();
    });
  }
}
