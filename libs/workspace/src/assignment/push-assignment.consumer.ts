import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { BUS, type Bus } from '@inbox/bus';
import { TOPICS, type CaseEvent } from '@inbox/contracts';
import { mayFreeCapacity, mayNeedAssignment, PushAssignmentService } from './push-assignment.service';

/** Most case events handed at once. */
const EVENT_BATCH_MAX = 100;

/**
 * Reacts to case events for push assignment, in batches. One consumer group for all
 * gateway instances, so each event is handled once; the conditional update
 * makes a redelivery harmless anyway.
 */
@Injectable()
export class PushAssignmentConsumer implements OnModuleInit {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    private readonly assignment: PushAssignmentService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribeBatch(TOPICS.caseEvents, { group: 'push-assignment', maxBatch: EVENT_BATCH_MAX }, (records) =>
      this.handle(records.map((r) => r.value)),
    );
  }

  /** The batch's waiting cases first (one read tells the push teams' ones), then each team that may have a free slot again. */
  async handle(events: readonly CaseEvent[]): Promise<void> {
    await this.assignment.assignEach([...new Set(events.filter(mayNeedAssignment).map((e) => e.caseId))]);
    const freed = new Set(events.filter((e) => !mayNeedAssignment(e) && mayFreeCapacity(e)).map((e) => e.case.teamId!));
    for (const teamId of freed) await this.assignment.assignWaiting(teamId);
  }
}
