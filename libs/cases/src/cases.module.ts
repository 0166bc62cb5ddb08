import { Module } from '@nestjs/common';
import { CaseQueryService } from './case-query.service';

import { InboundIntakeService } from './inbound-intake.service';
import { OutboxRelay } from './outbox-relay';
import { TriageWorker } from './triage-worker';

/** Customers, cases, messages and their events: storage and reads. */
@Module({
  providers: [CaseQueryService, InboundIntakeService, OutboxRelay],
  exports: [CaseQueryService, InboundIntakeService, OutboxRelay],
})
export class CasesModule {}

/** The triage role: consumes inbound messages into cases. */
@Module({ imports: [CasesModule], providers: [TriageWorker] })
export class TriageWorkerModule {}
