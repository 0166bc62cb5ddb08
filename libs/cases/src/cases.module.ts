import { Module } from '@nestjs/common';
import { MessageHtmlView } from './message-html.view';
import { ReplyAttachmentUploads } from './email-replies/reply-attachment-uploads';
import { EmailSignaturesService } from './email-replies/email-signatures.service';
import { AttachmentStore } from './attachment-store';
import { CaseQueryService } from './case-query.service';

import { InboundIntakeService } from './inbound-intake.service';
import { OutboxModule } from './outbox.module';
import { DeliveryRecorder } from './delivery-recorder.service';
import { ReplyService } from './reply.service';
import { TriageWorker } from './triage-worker';
import { IntakeBatchWriter } from './intake/intake-batch.writer';
import { ClassificationSampler } from './triage/classification-sampler';
import { WORKSPACE_SERVICES } from './workspace-services';
import { PushAssignmentConsumer } from './assignment/push-assignment.consumer';
import { SatisfactionTriggerConsumer } from './satisfaction/satisfaction-trigger.consumer';
import { TRIAGE_EXPORTS, TRIAGE_PROVIDERS } from './triage-services';
import { COMPLIANCE_EXPORTS, COMPLIANCE_PROVIDERS } from './compliance/compliance-services';
import { PERSONAL_DATA_SERVICES } from './personal-data';

/** Customers, cases, messages and their events: storage and reads. */
@Module({
  imports: [OutboxModule],
  providers: [CaseQueryService, InboundIntakeService, ReplyService, DeliveryRecorder, AttachmentStore, MessageHtmlView, ReplyAttachmentUploads, EmailSignaturesService, ...WORKSPACE_SERVICES, ...TRIAGE_PROVIDERS, ...COMPLIANCE_PROVIDERS, ...PERSONAL_DATA_SERVICES],
  exports: [OutboxModule, CaseQueryService, InboundIntakeService, ReplyService, DeliveryRecorder, AttachmentStore, MessageHtmlView, ReplyAttachmentUploads, EmailSignaturesService, ...WORKSPACE_SERVICES, ...TRIAGE_EXPORTS, ...COMPLIANCE_EXPORTS, ...PERSONAL_DATA_SERVICES],
})
export class CasesModule {}

/**
 * The triage role: consumes inbound messages into cases, and reacts once per
 * case event (shared consumer groups) with push assignment and the
 * satisfaction question; it also draws the daily review sample of
 * not-a-complaint decisions.
 */
@Module({ imports: [CasesModule], providers: [IntakeBatchWriter, TriageWorker, PushAssignmentConsumer, SatisfactionTriggerConsumer, ClassificationSampler] })
export class TriageWorkerModule {}
