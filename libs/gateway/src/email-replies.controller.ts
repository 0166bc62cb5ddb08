import { Body, Controller, Get, Param, Post, Put, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import type { StaffPrincipal } from '@inbox/contracts';
import { CurrentStaff, Roles } from '@inbox/auth';
import { EmailSignaturesService, ReplyAttachmentUploads } from '@inbox/workspace';
import { CASE_ID } from './id-param.pipe';

class MailboxSignatureDto {
  @ApiProperty({ maxLength: 2000, description: 'Plain-text signature, added below every email from this mailbox' })
  @IsString() @MaxLength(2000) text!: string;
  @ApiPropertyOptional({ maxLength: 20000, description: 'The same as HTML (sanitised: formatting, links, https images)' })
  @IsOptional() @IsString() @MaxLength(20000) html?: string | null;
}

class MySignatureDto {
  @ApiProperty({ nullable: true, maxLength: 2000, description: 'Your signature, added above the mailbox’s on your email replies; null removes it' })
  @ValidateIf((dto: MySignatureDto) => dto.text !== null) @IsString() @MaxLength(2000) text!: string | null;
}

/** Email replies as a firm sends them: signatures per mailbox and per agent, files attached in the composer. */
@ApiTags('email')
@ApiBearerAuth()
@Controller('api')
export class EmailRepliesController {
  constructor(
    private readonly signatures: EmailSignaturesService,
    private readonly uploads: ReplyAttachmentUploads,
  ) {}

  @Get('email/signatures')
  @Roles('supervisor', 'admin')
  list() {
    return this.signatures.list().then((items) => ({ items }));
  }

  @Put('email/signatures/:account')
  @Roles('admin')
  setMailbox(@CurrentStaff() staff: StaffPrincipal, @Param('account') account: string, @Body() body: MailboxSignatureDto) {
    return this.signatures.setMailbox(account, body, staff.userId);
  }

  @Get('me/email-signature')
  mine(@CurrentStaff() staff: StaffPrincipal) {
    return this.signatures.mine(staff.userId);
  }

  @Put('me/email-signature')
  setMine(@CurrentStaff() staff: StaffPrincipal, @Body() body: MySignatureDto) {
    return this.signatures.setMine(staff.userId, body.text);
  }

  /** 201 with the file's id, to name in the reply's attachmentIds; at most EMAIL_MAX_ATTACHMENT_BYTES (413 above). */
  @Post('cases/:id/reply-attachments')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file'))
  upload(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) caseId: string, @UploadedFile() file: Express.Multer.File | undefined) {
    return this.uploads.upload(staff, caseId, file);
  }
}
