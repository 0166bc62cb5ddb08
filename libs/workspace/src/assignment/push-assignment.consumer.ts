import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { BUS, type Bus } from '@inbox/bus';
import { TOPICS } from '@inbox/contracts';
import { mayFreeCapacity, mayNeedAssignment, PushAssignmentService } from './push-assignment.service';

/**
 * Reacts to case events for push assignment. One consumer group for all
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
    await this.bus.subscribe(TOPICS.caseEvents, { group: 'push-assignment' }, async ({ value: event }) => {
      if (mayNeedAssignment(event)) await this.assignment.assignCase(event.caseId);
      else if (mayFreeCapacity(event)) await this.assignment.assignWaiting(event.case.teamId!);
    });
  }
}
