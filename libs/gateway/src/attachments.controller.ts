import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { StaffPrincipal } from '@inbox/contracts';
import { CurrentStaff } from '@inbox/auth';
import { AttachmentStore } from '@inbox/cases';
import { ATTACHMENT_ID } from './id-param.pipe';

/** A bare media type (no parameters a header could be split with); anything else is sent as bytes. */
const SAFE_CONTENT_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/i;

/** GET /api/attachments/:id: the bytes of an attachment a channel kept, for staff who can see its case. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentStore) {}

  @Get(':id')
  async download(@CurrentStaff() staff: StaffPrincipal, @Param('id', ATTACHMENT_ID) id: string, @Res() res: Response): Promise<void> {
    const file = await this.attachments.openFor(staff, id);
    const name = file.fileName ?? 'attachment';
    // Always a download, never rendered in our origin: a customer's HTML or SVG must not run as the inbox,
    // even opened directly (sandboxed, no sniffing), and a customer's file is not kept in shared caches.
    res
      .status(200)
      .set({
        'content-type': SAFE_CONTENT_TYPE.test(file.contentType) ? file.contentType : 'application/octet-stream',
        'content-length': String(file.content.length),
        'content-disposition': `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, no-store',
      })
      .end(file.content);
  }
}
