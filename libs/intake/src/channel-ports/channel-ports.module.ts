import { Module } from '@nestjs/common';
import { ATTACHMENT_SINK, CONTACT_VERIFICATION, CONVERSATION_HISTORY, DELIVERY_LOG, REPLY_MATERIALS } from '@inbox/channels';
import { ContactVerificationService } from '../customers/contact-verification.service';
import { CaseStoreModule } from '@inbox/cases';
import { StoredAttachmentSink } from './attachment-sink';
import { contactVerificationProvider } from './contact-verification';
import { StoredConversationHistory } from './conversation-history';
import { deliveryLogProvider } from './delivery-log';
import { StoredReplyMaterials } from './reply-materials';

/**
 * The channels' ports (libs/channels/src/ports) as the case store implements
 * them: only what the channels need, so the ingest process runs its channels
 * without the rest of the case providers and their timers. It owns contact
 * verification, which intake's HTTP side shares (IntakeModule imports this).
 */
@Module({
  imports: [CaseStoreModule],
  providers: [
    ContactVerificationService,
    deliveryLogProvider,
    contactVerificationProvider,
    { provide: ATTACHMENT_SINK, useClass: StoredAttachmentSink },
    { provide: CONVERSATION_HISTORY, useClass: StoredConversationHistory },
    { provide: REPLY_MATERIALS, useClass: StoredReplyMaterials },
  ],
  exports: [DELIVERY_LOG, ATTACHMENT_SINK, CONVERSATION_HISTORY, REPLY_MATERIALS, CONTACT_VERIFICATION, ContactVerificationService],
})
export class ChannelPortsModule {}
