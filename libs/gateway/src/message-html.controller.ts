import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { StaffPrincipal } from '@inbox/contracts';
import { CurrentStaff } from '@inbox/auth';
import { MessageHtmlView } from '@inbox/cases';
import { MESSAGE_HTML_ID } from './id-param.pipe';

/** GET /api/messages/:id/html: an email's sanitised HTML, inline images in place, for the workspace's sandboxed frame. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('api/messages')
export class MessageHtmlController {
  constructor(private readonly view: MessageHtmlView) {}

  @Get(':id/html')
  html(@CurrentStaff() staff: StaffPrincipal, @Param('id', MESSAGE_HTML_ID) id: string) {
    return this.view.forStaff(staff, id);
  }
}
