import { Module } from '@nestjs/common';
import { AttachmentStore } from './attachment-store';
import { CaseQueryService } from './case-query.service';
import { DeliveryRecorder } from './delivery-recorder.service';
import { MessageHtmlView } from './message-html.view';
import { OutboxModule } from './outbox.module';

const CASE_STORE = [CaseQueryService, DeliveryRecorder, AttachmentStore, MessageHtmlView];

/** Customers, cases, messages and their events: storage, reads and the outbox. */
// One outbox relay per process: the channels' ports import the same OutboxModule.
@Module({ imports: [OutboxModule], providers: CASE_STORE, exports: [OutboxModule, ...CASE_STORE] })
export class CaseStoreModule {}
