import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { StaffPrincipal } from '@inbox/contracts';
import { CurrentStaff } from '@inbox/auth';
import { AttachmentStore } from '@inbox/cases';

/** GET /api/attachments/:id: the bytes of an attachment a channel kept, for staff who can see its case. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/attachments')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentStore) {}

  @Get(':id')
  async download(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const file = await this.attachments.openFor(staff, id);
    // Always a download, never rendered in our origin: a customer's HTML or SVG must not run as the inbox.
    res
      .status(200)
      .set({
        'content-type': file.contentType,
        'content-length': String(file.content.length),
        'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName ?? 'attachment')}`,
        'x-content-type-options': 'nosniff',
      })
      .end(file.content);
  }
}
