import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { BUS, type Bus } from '@inbox/bus';
import { TOPICS, type CaseEvent } from '@inbox/contracts';
import { SatisfactionSurvey } from './satisfaction-survey.service';

/** Event types that never resolve a case, so they never trigger the question. */
const NOT_A_RESOLUTION = /^(message|note|knowledge|satisfaction|macro)\./;

/**
 * Asks for satisfaction when a case is resolved, whichever action resolved it
 * (the resolve endpoint, a closure rule): it watches case events for a case
 * that is now resolved or closed. The survey itself is once per resolution.
 */
@Injectable()
export class SatisfactionTriggerConsumer implements OnModuleInit {
  constructor(
    @Inject(BUS) private readonly bus: Bus,
    private readonly survey: SatisfactionSurvey,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(TOPICS.caseEvents, { group: 'satisfaction' }, async ({ value: event }) => {
      if (isResolution(event)) await this.survey.askAfterResolution(event.caseId);
    });
  }
}

export function isResolution(event: CaseEvent): boolean {
  return (event.case.status === 'resolved' || event.case.status === 'closed') && !NOT_A_RESOLUTION.test(event.type);
}
