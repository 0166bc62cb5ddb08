import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { NotFoundError, type StaffPrincipal } from '@inbox/contracts';
import { CaseQueryService } from './case-query.service';
import { MessageRepository } from './repositories/message.repository';

/** Inline images are sent inside the HTML up to this much in all; larger ones stay attachments to download. */
const MAX_INLINE_BYTES = 5 * 1024 * 1024;
const IMAGE_TYPE = /^image\/(png|jpe?g|gif|webp|bmp)$/i;

export interface MessageHtml {
  /** The sanitised HTML, with its inline images (cid:) as data: URIs. */
  html: string;
  /** How many remote (http/https) images it shows once the agent allows them. */
  remoteImages: number;
  /** Inline images not shown because they were too large or not kept. */
  missingInlineImages: number;
}

/**
 * An email's HTML as agents see it: the version the channel sanitised on
 * arrival, with the pictures the mail carried inside (cid: references) put in
 * place, so the workspace can show it in a sandboxed frame that loads
 * nothing from the network unless the agent allows remote images.
 */
@Injectable()
export class MessageHtmlView {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly messages: MessageRepository,
    private readonly cases: CaseQueryService,
  ) {}

  async forStaff(principal: StaffPrincipal, messageId: string): Promise<MessageHtml> {
    const missing = new NotFoundError('message_html_not_found', 'This message has no HTML version');
    const row = await this.messages.htmlOf(messageId);
    if (!row?.case_id || row.html === null) throw missing;
    await this.cases.summaryVisibleTo(principal, row.case_id);

    const wanted = (row.attachments ?? []).filter((a) => a.contentId && a.providerFileId && IMAGE_TYPE.test(a.contentType ?? ''));
    const contents = wanted.length
      ? ((await this.db.query(`SELECT id, content_type, content FROM attachment_contents WHERE id = ANY($1) AND message_id = $2`, [
          wanted.map((a) => a.providerFileId),
          messageId,
        ])) as Array<{ id: string; content_type: string; content: Buffer }>)
      : [];
    const byCid = new Map<string, string>();
    let budget = MAX_INLINE_BYTES;
    for (const a of wanted) {
      const content = contents.find((c) => c.id === a.providerFileId);
      if (!content || content.content.length > budget) continue;
      budget -= content.content.length;
      byCid.set(a.contentId!.toLowerCase(), `data:${content.content_type.toLowerCase()};base64,${content.content.toString('base64')}`);
    }
    let missingInlineImages = 0;
    const html = row.html.replace(/(<img\b[^>]*\ssrc=")cid:([^"]+)"/gi, (_all, start: string, cid: string) => {
      const data = byCid.get(decodeURIComponent(cid).toLowerCase());
      if (data) return `${start}${data}"`;
      missingInlineImages += 1;
      return `${start}"`;
    });
    return { html, remoteImages: (html.match(/<img\b[^>]*\ssrc="https?:/gi) ?? []).length, missingInlineImages };
  }
}
