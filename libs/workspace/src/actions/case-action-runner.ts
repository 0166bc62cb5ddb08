import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, type CaseEventData, type CaseEventOf, type CaseEventType, type CaseSummary, type GuardedCaseAction, type StaffPrincipal } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { loadCaseSummary, OPEN_STATUSES } from '@inbox/cases';
import { writeCaseEvent } from '@inbox/cases';
import { CaseQueryService } from '@inbox/cases';
import { UnitOfWork } from '@inbox/cases';
import { CaseRepository, type LockedCaseRow } from '@inbox/cases';
import { enforceCaseAction } from './case-action-guard';

/**
 * Who runs an action: a staff member, or null for the inbox itself — an automation rule an admin made, whose
 * run is recorded on the case (`rule.ran`) beside the events its actions write with no actor.
 */
export type CaseActor = StaffPrincipal | null;

/** The case row as an action sees it, locked for the action's transaction. */
export type LockedCase = LockedCaseRow;

/** What an action did: the event to record (who and when are added by the runner). */
export interface ActionOutcome<T extends CaseEventType = CaseEventType> {
  type: T;
  data: CaseEventData[T];
}

export interface ActionResult<T extends CaseEventType = CaseEventType> {
  case: CaseSummary;
  event: CaseEventOf<T>;
}

/**
 * Runs one agent action on one case: checks the caller may see the case,
 * locks the row, applies the case action policy where it holds, applies the change and writes its case event (who, when,
 * what) in the same transaction, then pushes the event out.
 */
@Injectable()
export class CaseActionRunner {
  constructor(
    private readonly cases: CaseQueryService,
    private readonly unitOfWork: UnitOfWork,
    private readonly caseRepository: CaseRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run<T extends CaseEventType>(
    principal: StaffPrincipal | null,
    caseId: string,
    action: (em: EntityManager, locked: LockedCase) => Promise<ActionOutcome<T>>,
    /** Set: the case action policy decides whether the caller may (a 403 otherwise). */
    guarded?: GuardedCaseAction,
  ): Promise<ActionResult<T>> {
    if (principal) await this.cases.summaryVisibleTo(principal, caseId);
    return this.unitOfWork.run(async (em) => {
      const locked = (await this.caseRepository.lockForUpdate(em, caseId))!;
      if (guarded && principal) {
        await enforceCaseAction(em, principal, guarded, locked, { finalResponseApproval: this.config.workspace.finalResponseApproval });
      }
      const outcome = await action(em, locked);
      const summary = (await loadCaseSummary(em, caseId))!;
      const event = await writeCaseEvent(em, { type: outcome.type, summary, actorUserId: principal?.userId ?? null, data: outcome.data });
      return { case: summary, event };
    });
  }
}

/** Escalating, transferring or acknowledging a case that is already resolved makes no sense: reopen it first. */
export function requireOpen(locked: LockedCase): void {
  if (!(OPEN_STATUSES as readonly string[]).includes(locked.status)) {
    throw new ConflictError('case_not_open', `Case ${locked.reference} is ${locked.status}; reopen it first`, { status: locked.status });
  }
}
