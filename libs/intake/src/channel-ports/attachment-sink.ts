import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AttachmentSink } from '@inbox/channels';
import { AttachmentStore, keepAttachmentContent } from '@inbox/cases';

/** Attachment bytes a channel received go to attachment_contents, where AttachmentStore serves them to staff. */
@Injectable()
export class StoredAttachmentSink implements AttachmentSink {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  attachmentId(messageId: string, index: number): string {
    return AttachmentStore.attachmentId(messageId, index);
  }

  keep(input: { id: string; messageId: string; fileName?: string; contentType: string; content: Buffer }): Promise<void> {
    return keepAttachmentContent(this.db, input);
  }
}
