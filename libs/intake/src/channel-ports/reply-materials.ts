import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { ComposedAttachment, EmailSignature, ReplyMaterials } from '@inbox/channels';

/** Signatures and attached files as the workspace stored them (email_signatures, attachment_contents). */
@Injectable()
export class StoredReplyMaterials implements ReplyMaterials {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async mailboxSignature(account: string): Promise<EmailSignature | undefined> {
    const [row] = (await this.db.query(`SELECT text_signature, html_signature FROM email_signatures WHERE account = lower($1)`, [account])) as Array<{
      text_signature: string;
      html_signature: string | null;
    }>;
    return row ? { text: row.text_signature, ...(row.html_signature ? { html: row.html_signature } : {}) } : undefined;
  }

  async attachments(ids: string[]): Promise<ComposedAttachment[]> {
    if (!ids.length) return [];
    const rows = (await this.db.query(`SELECT id, file_name, content_type, content FROM attachment_contents WHERE id = ANY($1)`, [ids])) as Array<{
      id: string;
      file_name: string | null;
      content_type: string;
      content: Buffer;
    }>;
    if (rows.length !== new Set(ids).size) throw new Error('an attached file of the reply is missing');
    // In the order the agent attached them.
    return ids.map((id) => rows.find((r) => r.id === id)!).map((r) => ({ filename: r.file_name ?? 'attachment', contentType: r.content_type, content: r.content }));
  }
}
