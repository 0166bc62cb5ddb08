import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { InvalidInputError, type AttachmentRef, type StaffPrincipal } from '@inbox/contracts';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { CaseQueryService } from '@inbox/cases';

/** The attachment size limit when email is not configured (the setting's default). */
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const MAX_REPLY_ATTACHMENTS = 10;

export interface UploadedAttachment {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
}

/**
 * Files an agent attaches in the composer: stored as they are uploaded,
 * held for that agent and case until a reply takes them (and then served
 * like any attachment of the case).
 */
@Injectable()
export class ReplyAttachmentUploads {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly cases: CaseQueryService,
  ) {}

  /** Each file at most EMAIL_MAX_ATTACHMENT_BYTES, the same limit mail coming in has. */
  get maxBytes(): number {
    return this.config.email?.maxAttachmentBytes ?? DEFAULT_MAX_BYTES;
  }

  async upload(principal: StaffPrincipal, caseId: string, file: { originalname?: string; mimetype?: string; buffer?: Buffer } | undefined): Promise<UploadedAttachment> {
    await this.cases.summaryVisibleTo(principal, caseId);
    if (!file?.buffer || file.buffer.length === 0) throw new InvalidInputError('empty_attachment', 'Send the file as multipart form data in the field "file"; it must not be empty');
    if (file.buffer.length > this.maxBytes) {
      throw new InvalidInputError('attachment_too_large', `The file is over the ${(this.maxBytes / 1024 / 1024).toFixed(1)} MB limit for email attachments`);
    }
    const id = randomUUID();
    const fileName = (file.originalname ?? 'attachment').replace(/[\u0000-\u001f/\\]/g, '_').slice(0, 255) || 'attachment';
    const contentType = /^[\w.+-]+\/[\w.+-]+$/.test(file.mimetype ?? '') ? file.mimetype!.toLowerCase() : 'application/octet-stream';
    // Until a reply takes it, the file is its own message id: it belongs to no message anyone can open.
    await this.db.query(
      `INSERT INTO attachment_contents (id, message_id, file_name, content_type, size_bytes, content, uploaded_by, upload_case_id)
       VALUES ($1, $1, $2, $3, $4, $5, $6, $7)`,
      [id, fileName, contentType, file.buffer.length, file.buffer, principal.userId, caseId],
    );
    return { id, fileName, contentType, sizeBytes: file.buffer.length };
  }
}

/** The caller's not yet sent uploads on this case, locked for the reply that takes them; refuses any other id. */
export async function takeUploads(em: Pick<EntityManager, 'query'>, ids: readonly string[], caseId: string, userId: string): Promise<UploadedAttachment[]> {
  const unique = [...new Set(ids)];
  if (unique.length > MAX_REPLY_ATTACHMENTS) throw new InvalidInputError('too_many_attachments', `A reply may carry at most ${MAX_REPLY_ATTACHMENTS} files`);
  if (!unique.length) return [];
  if (!unique.every((id) => /^[0-9a-f-]{36}$/i.test(id))) throw new InvalidInputError('unknown_attachment', 'An attachment id is not one of your uploads on this case');
  const rows = (await em.query(
    `SELECT id, file_name, content_type, size_bytes FROM attachment_contents
      WHERE id = ANY($1) AND upload_case_id = $2 AND uploaded_by = $3 AND message_id = id FOR UPDATE`,
    [unique, caseId, userId],
  )) as Array<{ id: string; file_name: string; content_type: string; size_bytes: number }>;
  if (rows.length !== unique.length) throw new InvalidInputError('unknown_attachment', 'An attachment is not one of your uploads on this case, or was sent already');
  return unique.map((id) => rows.find((r) => r.id === id)!).map((r) => ({ id: r.id, fileName: r.file_name, contentType: r.content_type, sizeBytes: Number(r.size_bytes) }));
}

/** The refs a reply's row keeps, so the timeline lists and serves its files. */
export function uploadRefs(uploads: UploadedAttachment[]): AttachmentRef[] {
  return uploads.map((u) => ({ fileName: u.fileName, contentType: u.contentType, sizeBytes: u.sizeBytes, providerFileId: u.id, url: `/api/attachments/${u.id}` }));
}
