import { Module } from '@nestjs/common';
import { AttachmentStore } from './attachment-store';
import { CaseQueryService } from './case-query.service';

import { InboundIntakeService } from './inbound-intake.service';
import { OutboxRelay } from './outbox-relay';
import { DeliveryRecorder } from './delivery-recorder.service';
import { ReplyService } from './reply.service';
import { TriageWorker } from './triage-worker';

/** Customers, cases, messages and their events: storage and reads. */
@Module({
  providers: [CaseQueryService, InboundIntakeService, OutboxRelay, ReplyService, DeliveryRecorder, AttachmentStore],
  exports: [CaseQueryService, InboundIntakeService, OutboxRelay, ReplyService, DeliveryRecorder, AttachmentStore],
})
export class CasesModule {}

/** The triage role: consumes inbound messages into cases. */
@Module({ imports: [CasesModule], providers: [TriageWorker] })
export class TriageWorkerModule {}
