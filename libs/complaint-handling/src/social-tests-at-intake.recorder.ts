import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isSocialChannel, socialTestsAtIntake, type SocialMediaTests } from '@inbox/compliance';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { bufferCaseEvents, CaseRepository, ComplianceRecordRepository, flushCaseEvents, loadCaseSummaries, UnitOfWork, writeCaseEvent } from '@inbox/cases';
import { recordAudits } from './compliance-audit';
import { ComplaintClockService, type LockedClock } from './complaint-clock.service';
import { socialTestsRecord } from './social-tests-record';

const WHY = 'recorded at intake from the message; unanswered tests are for an agent';

/** A new social case, locked, with what its first message tells the tests. */
type NewSocialCase = LockedClock & {
  social_tests: Partial<SocialMediaTests> | null;
  first_account: string | null;
  first_channel: string | null;
  first_sender_address: string | null;
  first_display_name: string | null;
};

/**
 * The social-media tests intake can answer from each new Facebook, Instagram or Messenger case's first message
 * (its account, its author's name and address; RG 271.32(a)), for a batch of new cases in one transaction: a
 * statement for each step whatever the number of cases. A test that moves a case's clock does so as when an
 * agent records it (ComplaintClockService.moveClockForSocialTests).
 */
@Injectable()
export class SocialTestsAtIntakeRecorder {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: ComplaintClockService,
    private readonly unitOfWork: UnitOfWork,
    private readonly compliance: ComplianceRecordRepository,
    private readonly caseRows: CaseRepository,
  ) {}

  async recordAll(cases: ReadonlyArray<{ caseId: string; classifiedAsComplaint: boolean }>): Promise<void> {
    if (cases.length === 0) return;
    await this.unitOfWork.run(async (em) => {
      // Their case events in one statement at the end (see bufferCaseEvents).
      bufferCaseEvents(em);
      await this.recordAllIn(em, cases);
      await flushCaseEvents(em);
    });
  }

  private async recordAllIn(em: EntityManager, cases: ReadonlyArray<{ caseId: string; classifiedAsComplaint: boolean }>): Promise<void> {
    // Locked first, then read: the tests an agent recorded while this waited are in what it reads.
    const locked = await this.caseRows.lockManyForUpdate(em, cases.map((c) => c.caseId));
    if (locked.length === 0) return;
    const rows = new Map(
      ((await em.query(
        `SELECT c.id, c.kind, c.channel, c.complaint_type, c.received_at, c.acknowledge_by, c.respond_by, cc.death_benefit_notice_at,
                cc.hardship_information_requested_at, cc.hardship_information_received_at, cc.idr_response_at, cc.social_tests,
                first.channel AS first_channel, first.account AS first_account, first.sender_address AS first_sender_address,
                first.display_name AS first_display_name
           FROM cases c LEFT JOIN case_compliance cc ON cc.case_id = c.id
           LEFT JOIN LATERAL (SELECT m.channel, m.account, m.sender_address, i.display_name
                                FROM messages m LEFT JOIN identities i ON i.channel = m.channel AND i.address = m.sender_address
                               WHERE m.case_id = c.id AND m.direction = 'inbound' ORDER BY m.received_at LIMIT 1) first ON true
          WHERE c.id = ANY($1::uuid[])`,
        [locked],
      )) as NewSocialCase[]).map((row) => [row.id, row]),
    );
    const recorded: Array<{ caseId: string; record: ReturnType<typeof socialTestsRecord> }> = [];
    for (const { caseId, classifiedAsComplaint } of cases) {
      const c = rows.get(caseId);
      if (!c || !isSocialChannel(c.channel) || recorded.some((r) => r.caseId === caseId)) continue;
      const tests = socialTestsAtIntake({
        channel: c.first_channel ?? '',
        account: c.first_account,
        classifiedAsComplaint,
        ownedAccounts: this.config.compliance.socialOwnedAccounts,
        displayName: c.first_display_name,
        senderAddress: c.first_sender_address,
      });
      const record = socialTestsRecord(c.social_tests, tests, 'system', WHY);
      await this.clock.moveClockForSocialTests(em, c, record, null);
      recorded.push({ caseId, record });
    }
    if (recorded.length === 0) return;
    await this.compliance.recordSocialTests(em, recorded);
    await recordAudits(em, recorded.map(({ caseId, record }) => ({ caseId, action: 'social.tests_recorded', reason: WHY, data: record })));
    const summaries = await loadCaseSummaries(em, recorded.map((r) => r.caseId));
    for (const { caseId, record } of recorded) {
      await writeCaseEvent(em, { type: 'social.tests_recorded', summary: summaries.get(caseId)!, actorUserId: null, data: record });
    }
  }
}
