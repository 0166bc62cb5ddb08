import { Module } from '@nestjs/common';
import { AttachmentStore } from './attachment-store';
import { CaseQueryService } from './case-query.service';
import { DeliveryRecorder } from './delivery-recorder.service';
import { MessageHtmlView } from './message-html.view';
import { OutboxRelay } from './outbox-relay';
import { UnitOfWork } from './unit-of-work';

const CASE_STORE = [CaseQueryService, OutboxRelay, UnitOfWork, DeliveryRecorder, AttachmentStore, MessageHtmlView];

/** Customers, cases, messages and their events: storage, reads and the outbox. */
@Module({ providers: CASE_STORE, exports: CASE_STORE })
export class CaseStoreModule {}
