import { Injectable, Logger } from '@nestjs/common';
import { CHANNELS, DomainError } from '@inbox/contracts';
import { isPublicReplyChannel } from '@inbox/compliance';
import { loadCaseSummary } from '@inbox/cases';
import { writeCaseEvent } from '@inbox/cases';
import { CaseRepository, MessageRepository, UnitOfWork } from '@inbox/cases';
import { outboundRoute, queueOutboundMessage } from '@inbox/cases';
import { customerLanguage, satisfactionQuestion } from './satisfaction-answer';

export type SurveyOutcome = 'asked' | 'already_asked' | 'not_resolved' | 'not_asked_noise' | 'not_asked_withdrawn' | 'no_route';

/** Asking for a rating under a public post would be out of place: only private channels are asked. */
const PUBLIC_CHANNELS = CHANNELS.filter((c) => isPublicReplyChannel(c));

/** Resolution outcomes after which asking for satisfaction would be absurd. */
const NOT_ASKED_OUTCOMES = ['withdrawn'];

/**
 * After a resolution, asks the customer on their own channel (the one they
 * last wrote on in this case) to rate it 1–5. Once per resolution: the
 * (case, resolved_at) key makes a repeated trigger change nothing.
 */
@Injectable()
export class SatisfactionSurvey {
  private readonly logger = new Logger(SatisfactionSurvey.name);

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly caseRepository: CaseRepository,
    private readonly messages: MessageRepository,
  ) {}

  async askAfterResolution(caseId: string): Promise<SurveyOutcome> {
    const outcome = await this.unitOfWork.run(async (em): Promise<SurveyOutcome> => {
      const row = await this.caseRepository.lockForUpdate(em, caseId);
      if (!row || !row.resolved_at || (row.status !== 'resolved' && row.status !== 'closed')) return 'not_resolved';
      if (row.kind === 'noise') return 'not_asked_noise';
      if ((await resolutionOutcome(em, caseId)).some((o) => NOT_ASKED_OUTCOMES.includes(o))) return 'not_asked_withdrawn';
      // Their own channel: the one they last wrote on in this case (else anywhere), never a public comment thread.
      const latest = await this.messages.latestInboundOfCustomer(row.customer_id, { preferCaseId: caseId, excludingChannels: PUBLIC_CHANNELS }, em);
      if (!latest) return 'no_route';
      let route;
      try {
        route = await outboundRoute(em, { caseId, customerId: row.customer_id, channel: latest.channel });
      } catch (error) {
        if (error instanceof DomainError) return 'no_route';
        throw error;
      }
      const inserted = (await em.query(
        `INSERT INTO case_satisfaction (case_id, customer_id, resolved_at, channel) VALUES ($1, $2, $3, $4)
         ON CONFLICT (case_id, resolved_at) DO NOTHING RETURNING id`,
        [caseId, row.customer_id, row.resolved_at, route.channel],
      )) as Array<{ id: string }>;
      if (inserted.length === 0) return 'already_asked';
      const question = satisfactionQuestion(row.reference, customerLanguage({ text: latest.text, language: latest.classification?.language }));
      const message = await queueOutboundMessage(em, {
        caseId,
        caseReference: row.reference,
        customerId: row.customer_id,
        route,
        text: question.text,
        authorUserId: null,
        choices: question.choices,
      });
      await em.query(`UPDATE case_satisfaction SET question_message_id = $2 WHERE id = $1`, [inserted[0].id, message.id]);
      const summary = (await loadCaseSummary(em, caseId))!;
      await writeCaseEvent(em, { type: 'message.created', summary, message });
      await writeCaseEvent(em, { type: 'satisfaction.requested', summary, data: { satisfactionId: inserted[0].id, channel: route.channel, messageId: message.id } });
      return 'asked';
    }, (outcome) => outcome === 'asked');
    if (outcome !== 'asked') this.logger.debug({ msg: 'satisfaction question not sent', caseId, outcome });
    return outcome;
  }
}

/** How the case was closed, as the resolve action recorded it in its event (outcome and closure state). */
async function resolutionOutcome(em: { query(sql: string, p?: unknown[]): Promise<unknown> }, caseId: string): Promise<string[]> {
  const [event] = (await em.query(
    `SELECT payload->'data'->>'outcome' AS outcome, payload->'data'->>'closureState' AS closure_state FROM case_events
      WHERE case_id = $1 AND type = 'case.resolved' ORDER BY seq DESC LIMIT 1`,
    [caseId],
  )) as Array<{ outcome: string | null; closure_state: string | null }>;
  return event ? [event.outcome, event.closure_state].filter((v): v is string => v !== null) : [];
}
