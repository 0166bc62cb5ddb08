import { Module } from '@nestjs/common';
import { AttachmentStore } from './attachment-store';
import { CaseQueryService } from './case-query.service';
import { DeliveryRecorder } from './delivery-recorder.service';
import { MessageHtmlView } from './message-html.view';
import { OutboxRelay } from './outbox-relay';

const CASE_STORE = [CaseQueryService, OutboxRelay, DeliveryRecorder, AttachmentStore, MessageHtmlView];

/** Customers, cases, messages and their events: storage, reads and the outbox. */
@Module({ providers: CASE_STORE, exports: CASE_STORE })
export class CaseStoreModule {}
