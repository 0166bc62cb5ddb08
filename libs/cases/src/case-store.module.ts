import { Module } from '@nestjs/common';
import { AttachmentStore } from './attachment-store';
import { CaseQueryService } from './case-query.service';
import { DeliveryRecorder } from './delivery-recorder.service';
import { MessageHtmlView } from './message-html.view';
import { OutboxModule } from './outbox.module';
import { CaseRepository } from './repositories/case.repository';
import { ComplianceRecordRepository } from './repositories/compliance-record.repository';
import { CustomerRepository } from './repositories/customer.repository';
import { MessageRepository } from './repositories/message.repository';

/** One repository per aggregate: the SQL that reads and writes its rows (docs/architecture.md, Data access). */
const REPOSITORIES = [CaseRepository, CustomerRepository, MessageRepository, ComplianceRecordRepository];

const CASE_STORE = [CaseQueryService, DeliveryRecorder, AttachmentStore, MessageHtmlView, ...REPOSITORIES];

/** Customers, cases, messages and their events: storage, reads and the outbox. */
// One outbox relay per process: the channels' ports import the same OutboxModule.
@Module({ imports: [OutboxModule], providers: CASE_STORE, exports: [OutboxModule, ...CASE_STORE] })
export class CaseStoreModule {}
