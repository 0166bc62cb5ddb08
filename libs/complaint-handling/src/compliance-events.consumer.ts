import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { BUS, type Bus } from '@inbox/bus';
import { TOPICS, type CaseEvent } from '@inbox/contracts';
import { isSocialChannel } from '@inbox/compliance';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { AcknowledgementService } from './acknowledgement.service';
import { ComplaintClockService } from './complaint-clock.service';
import { SystemicIssueService } from './systemic-issue.service';
import { SocialTestsAtIntakeRecorder } from './social-tests-at-intake.recorder';

/** Events after which a case may have become an unacknowledged complaint. */
const MAY_NEED_ACKNOWLEDGEMENT = new Set(['case.created', 'case.reopened', 'classification.corrected', 'case.updated']);

/** Most case events handed at once (a relay pass or a Kafka fetch; see libs/bus group-commit-queue.ts). */
const EVENT_BATCH_MAX = 100;

/**
 * Reacts to case events, in batches (consumer group `compliance`, so triage workers share
 * them): acknowledges a complaint as soon as it is recognised, keeps the
 * clock on the earliest contact, records the social-media tests of a new
 * social case, and files incidents as possible systemic issues. Every
 * reaction is idempotent, so a redelivered event changes nothing.
 */
@Injectable()
export class ComplianceEventsConsumer implements OnModuleInit {
  private readonly logger = new Logger(ComplianceEventsConsumer.name);

  constructor(
    @Inject(BUS) private readonly bus: Bus,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly acknowledgements: AcknowledgementService,
    private readonly clock: ComplaintClockService,
    private readonly systemic: SystemicIssueService,
    private readonly socialTests: SocialTestsAtIntakeRecorder,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.bus.subscribeBatch(TOPICS.caseEvents, { group: 'compliance', fromBeginning: true, maxBatch: EVENT_BATCH_MAX }, (records) =>
      this.handle(records.map((r) => r.value)),
    );
  }

  /**
   * Each event's own reactions in order; then, for the whole batch at once, the social-media tests of the
   * new social cases, the incidents' new links filed on their systemic issues, and the acknowledgements the
   * events may call for (last, so the acknowledgement states the deadlines the reactions set).
   */
  async handle(events: readonly CaseEvent[]): Promise<void> {
    for (const event of events) await this.react(event);
    await this.socialTests.recordAll(
      events
        .filter((e) => e.type === 'case.created' && isSocialChannel(e.case.channel))
        .map((e) => ({ caseId: e.caseId, classifiedAsComplaint: e.message?.classification?.kind === 'complaint' })),
    );
    for (const [incidentId, caseIds] of incidentLinks(events)) await this.systemic.fileIncident(incidentId, caseIds);
    if (!this.config.compliance.autoAcknowledge) return;
    const caseIds = [...new Set(events.filter(mayNeedAcknowledgement).map((e) => e.caseId))];
    if (caseIds.length === 0) return;
    const outcomes = await this.acknowledgements.acknowledgeEach(caseIds);
    outcomes.forEach((outcome, i) => outcome === 'sent' && this.logger.debug({ msg: 'complaint acknowledged', caseId: caseIds[i] }));
  }

  private async react(event: CaseEvent): Promise<void> {
    const inbound = inboundMessageOf(event);
    if (inbound && new Date(inbound.receivedAt) < new Date(event.case.receivedAt)) {
      await this.clock.keepEarliestStart(event.caseId, new Date(inbound.receivedAt));
    }
    // Where classification can tell the type: a hardship complaint runs on 21 days, not 30 (RG 271.92).
    if (event.type === 'case.created' && event.message?.classification?.issue === 'hardship') {
      await this.clock.updateDetails(null, event.caseId, { complaintType: 'hardship', reason: 'classified as a hardship complaint at intake' });
    }
    const incidentId = incidentIdOf(event);
    if (event.type === 'incident.opened' && incidentId) await this.systemic.fileIncident(incidentId);
  }
}

function incidentIdOf(event: CaseEvent): string | undefined {
  return (event.type === 'incident.opened' || event.type === 'incident.updated') && typeof event.data?.incidentId === 'string' ? event.data.incidentId : undefined;
}

/** The cases each incident gained in these events (incident.updated, change case_linked), by incident. */
function incidentLinks(events: readonly CaseEvent[]): Map<string, string[]> {
  const links = new Map<string, string[]>();
  for (const event of events) {
    const incidentId = incidentIdOf(event);
    if (!incidentId || event.type !== 'incident.updated' || event.data?.change !== 'case_linked') continue;
    links.set(incidentId, [...(links.get(incidentId) ?? []), event.caseId]);
  }
  return links;
}

function inboundMessageOf(event: CaseEvent) {
  return event.type === 'message.created' && event.message?.direction === 'inbound' ? event.message : undefined;
}

function mayNeedAcknowledgement(event: CaseEvent): boolean {
  return MAY_NEED_ACKNOWLEDGEMENT.has(event.type) || inboundMessageOf(event) !== undefined;
}
