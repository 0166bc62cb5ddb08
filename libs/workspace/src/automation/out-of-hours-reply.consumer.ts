import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { BUS, type Bus } from '@inbox/bus';
import { DomainError, TOPICS, type CaseEvent, type Channel } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { CaseRepository, loadCaseSummary, outboundRoute, OPEN_STATUSES, queueOutboundMessage, UnitOfWork, writeCaseEvent } from '@inbox/cases';
import { isWithinBusinessHours, nextOpening } from './business-hours';
import { BusinessHoursService } from './business-hours.service';
import { FirmCalendar } from './firm-calendar';
import { outOfHoursReplyText } from './out-of-hours-reply';

export type OutOfHoursOutcome = 'sent' | 'not_inbound' | 'complaint_or_noise' | 'no_hours' | 'open' | 'already_replied' | 'no_route' | 'not_open';

/**
 * The out-of-hours reply, done like the RG 271 acknowledgement: a consumer of case events in a group of its
 * own (`out-of-hours-reply`), never inside the intake's transaction. A customer's message on a case that is
 * not a complaint (nor noise), arriving while the case's team is closed, gets one reply on the channel it
 * came by — once per case per closed period: the period is named by the opening that ends it, and that name
 * is a unique key, so a redelivered event or a second message that night sends nothing more.
 */
@Injectable()
export class OutOfHoursReplyConsumer implements OnModuleInit {
  private readonly logger = new Logger(OutOfHoursReplyConsumer.name);

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly hours: BusinessHoursService,
    private readonly firm: FirmCalendar,
    private readonly unitOfWork: UnitOfWork,
    private readonly caseRepository: CaseRepository,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribe(TOPICS.caseEvents, { group: 'out-of-hours-reply' }, async ({ value: event }) => {
      const outcome = await this.handle(event);
      if (outcome === 'sent') this.logger.debug({ msg: 'out-of-hours reply sent', caseId: event.caseId });
    });
  }

  async handle(event: CaseEvent): Promise<OutOfHoursOutcome> {
    const message = event.message;
    if (event.type !== 'message.created' || message?.direction !== 'inbound') return 'not_inbound';
    const hours = await this.hours.hoursOf(event.case.teamId);
    if (!hours?.outOfHoursReply) return 'no_hours';
    const calendar = await this.firm.calendar();
    const receivedAt = new Date(message.receivedAt);
    if (isWithinBusinessHours(hours.weekly, calendar, receivedAt)) return 'open';
    const opensAt = nextOpening(hours.weekly, calendar, receivedAt);
    if (!opensAt) return 'no_hours';

    const outcome = await this.unitOfWork.run(async (em): Promise<OutOfHoursOutcome> => {
      const row = await this.caseRepository.lockForUpdate(em, event.caseId);
      if (!row || !(OPEN_STATUSES as readonly string[]).includes(row.status)) return 'not_open';
      // Complaints get the RG 271 acknowledgement; noise is kept out of the queue and answered by no one.
      if (row.kind === 'complaint' || row.kind === 'noise') return 'complaint_or_noise';
      let route;
      try {
        route = await outboundRoute(em, { caseId: row.id, customerId: row.customer_id, channel: message.channel as Channel });
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        return 'no_route';
      }
      const claimed = (await em.query(`INSERT INTO out_of_hours_replies (case_id, period_key) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING case_id`, [
        row.id,
        opensAt.toISOString(),
      ])) as unknown[];
      if (claimed.length === 0) return 'already_replied';
      const reply = outOfHoursReplyText(message.classification?.language, opensAt, this.config.timeZone);
      const sent = await queueOutboundMessage(em, { caseId: row.id, caseReference: row.reference, customerId: row.customer_id, route, text: reply.text, authorUserId: null, publicSafe: true });
      await em.query(`UPDATE out_of_hours_replies SET message_id = $3 WHERE case_id = $1 AND period_key = $2`, [row.id, opensAt.toISOString(), sent.id]);
      const summary = (await loadCaseSummary(em, row.id))!;
      await writeCaseEvent(em, { type: 'message.created', summary, message: sent, data: { outOfHoursReply: true } });
      return 'sent';
    }, (o) => o === 'sent');
    return outcome;
  }
}
