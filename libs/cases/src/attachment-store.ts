import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotFoundError, type StaffPrincipal } from '@inbox/contracts';
import { deterministicMessageId } from '@inbox/platform';
import { CaseQueryService } from './case-query.service';

export interface StoredAttachment {
  fileName: string | null;
  contentType: string;
  sizeBytes: number;
  content: Buffer;
}

/**
 * Attachment bytes a channel received with a message (when the provider keeps
 * no copy we can fetch later, as with email). Stored before the message is
 * published, under ids derived from the message id, so a re-import stores
 * nothing twice; read by staff who can see the message's case.
 */
@Injectable()
export class AttachmentStore {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cases: CaseQueryService,
  ) {}

  /** The id the `index`-th attachment of a message gets, the same on every import. */
  static attachmentId(messageId: string, index: number): string {
    return deterministicMessageId('attachment', messageId, String(index));
  }

  keep(input: { id: string; messageId: string; fileName?: string; contentType: string; content: Buffer }): Promise<void> {
    return keepAttachmentContent(this.db, input);
  }

  async openFor(principal: StaffPrincipal, attachmentId: string): Promise<StoredAttachment> {
    const missing = new NotFoundError('attachment_not_found', 'No such attachment');
    const [row] = (await this.db.query(
      `SELECT a.file_name, a.content_type, a.size_bytes, a.content, m.case_id
         FROM attachment_contents a JOIN messages m ON m.id = a.message_id WHERE a.id = $1`,
      [attachmentId],
    )) as Array<{ file_name: string | null; content_type: string; size_bytes: number; content: Buffer; case_id: string | null }>;
    if (!row?.case_id) throw missing;
    // Throws not-found for a case the caller may not see, so its existence does not leak.
    await this.cases.summaryVisibleTo(principal, row.case_id);
    return { fileName: row.file_name, contentType: row.content_type, sizeBytes: Number(row.size_bytes), content: row.content };
  }
}

/** Stores one attachment's bytes; a second keep of the same id (a re-import) changes nothing. */
export async function keepAttachmentContent(
  db: Pick<DataSource, 'query'>,
  input: { id: string; messageId: string; fileName?: string; contentType: string; content: Buffer },
): Promise<void> {
  await db.query(
    `INSERT INTO attachment_contents (id, message_id, file_name, content_type, size_bytes, content)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
    [input.id, input.messageId, input.fileName ?? null, input.contentType, input.content.length, input.content],
  );
}
