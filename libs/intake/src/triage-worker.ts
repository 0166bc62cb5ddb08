import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { BUS, type Bus, type BusRecord } from '@inbox/bus';
import { TOPICS, type InboundMessage } from '@inbox/contracts';
import { logContext } from '@inbox/platform';
import { IntakeBatchWriter } from './intake-batch.writer';
import { UnitOfWork } from '@inbox/cases';

/** Most inbound messages written in one intake transaction. */
const INTAKE_BATCH_MAX = 100;
/**
 * Most messages one in-process group-commit batch gathers: while each message's placement runs its own
 * statements, a long batch holds the senders' locks and hot rows (an incident's, a case's) for all of them,
 * so small batches side by side measured better than big ones (docs/intake-batches.md).
 */
const INTAKE_GROUP_COMMIT_MAX = 8;

/**
 * The thin consumer around intake: consumer group `triage`, so workers share
 * partitions; records come in batches (a Kafka partition's fetch, or on the
 * in-process bus the messages published together) and the bus commits them
 * only after the batch's transaction commits.
 */
@Injectable()
export class TriageWorker implements OnModuleInit {
  private readonly logger = new Logger(TriageWorker.name);

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    private readonly intake: IntakeBatchWriter,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribeBatch(TOPICS.inbound, { group: 'triage', fromBeginning: true, maxBatch: INTAKE_BATCH_MAX, maxGroupCommit: INTAKE_GROUP_COMMIT_MAX }, (records) => this.handle(records));
  }

  async handle(records: ReadonlyArray<BusRecord<InboundMessage>>): Promise<void> {
    const first = records[0];
    // The key names the sender (channel + address): log only a digest of it, never the address itself.
    const position = first.offset ?? createHash('sha256').update(first.key).digest('hex').slice(0, 16);
    const size = records.length > 1 ? `+${records.length - 1}` : '';
    await logContext.run({ correlationId: `${first.topic}:${first.partition ?? '-'}:${position}${size}` }, async () => {
      const outcomes = await this.intake.write(records.map((r) => r.value));
      for (const outcome of outcomes) this.logger.debug({ msg: 'inbound handled', outcome: outcome.kind, messageId: outcome.messageId });
      // Push the new events now rather than at the next sweep; not awaited, so the source's ack is not delayed.
      if (outcomes.some((o) => o.kind !== 'duplicate')) this.unitOfWork.publish();
    });
  }
}
