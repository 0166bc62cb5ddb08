import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';
import type { StaffPrincipal } from '@inbox/contracts';
import { CurrentStaff } from '@inbox/auth';
import { CannedResponsesService, CaseAcknowledgementService, CaseEscalationService, CaseNotesService, CaseReopenService, CaseTransferService, KnowledgeBaseService } from '@inbox/workspace';
import { CASE_ID } from './id-param.pipe';

class NoteDto {
  @ApiProperty({ maxLength: 10_000 }) @IsString() @MinLength(1) @MaxLength(10_000) text!: string;
}

class AcknowledgeDto {
  @ApiPropertyOptional({ description: 'How it was acknowledged, e.g. "by phone"' }) @IsOptional() @IsString() @MaxLength(2_000) note?: string;
}

class EscalateDto {
  @ApiProperty({ enum: ['team', 'supervisors'] }) @IsIn(['team', 'supervisors']) to!: 'team' | 'supervisors';
  @ApiPropertyOptional({ description: 'Required when escalating to a team' }) @ValidateIf((o: EscalateDto) => o.to === 'team') @IsUUID() teamId?: string;
  @ApiProperty({ maxLength: 2_000 }) @IsString() @MinLength(1) @MaxLength(2_000) reason!: string;
}

class TransferDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() teamId?: string;
  @ApiPropertyOptional({ description: 'An agent of the target team (the case’s team when no team is named)' }) @IsOptional() @IsUUID() assigneeId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2_000) reason?: string;
}

class ReopenDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2_000) reason?: string;
}

class SaveArticleDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) title!: string;
  @ApiPropertyOptional({ description: 'Defaults to the resolution recorded on the case' }) @IsOptional() @IsString() @MaxLength(20_000) body?: string;
}

class CaseKnowledgeQuery {
  @ApiPropertyOptional({ description: 'Search text; without it the case’s category and latest words are searched' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional({ default: 10 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50) limit?: number;
}

/** What agents do on a case. Each action records who, when and what as a case event that reaches every agent live. */
@ApiTags('case actions')
@ApiBearerAuth()
@Controller('api/cases/:id')
export class CaseActionsController {
  constructor(
    private readonly notes: CaseNotesService,
    private readonly acknowledgement: CaseAcknowledgementService,
    private readonly escalation: CaseEscalationService,
    private readonly transfers: CaseTransferService,
    private readonly reopening: CaseReopenService,
    private readonly canned: CannedResponsesService,
    private readonly knowledge: KnowledgeBaseService,
  ) {}

  /** An internal note: for colleagues only, never sent to the customer. */
  @Post('notes')
  note(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: NoteDto) {
    return this.notes.add(staff, id, body);
  }

  /** Records an acknowledgement made outside the automatic one (e.g. on a call). */
  @Post('acknowledge')
  @HttpCode(200)
  acknowledge(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: AcknowledgeDto) {
    return this.acknowledgement.acknowledge(staff, id, body);
  }

  @Post('escalate')
  @HttpCode(200)
  escalate(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: EscalateDto) {
    return this.escalation.escalate(staff, id, body.to === 'team' ? { to: 'team', teamId: body.teamId!, reason: body.reason } : { to: 'supervisors', reason: body.reason });
  }

  @Post('transfer')
  @HttpCode(200)
  transfer(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: TransferDto) {
    return this.transfers.transfer(staff, id, body);
  }

  @Post('reopen')
  @HttpCode(200)
  reopen(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: ReopenDto) {
    return this.reopening.reopen(staff, id, body);
  }

  /** The canned responses the caller may use, with the placeholders filled for this case. */
  @Get('canned-responses')
  async cannedForCase(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string) {
    return { items: await this.canned.renderAllForCase(staff, id) };
  }

  @Get('canned-responses/:cannedId')
  cannedOneForCase(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Param('cannedId') cannedId: string) {
    return this.canned.renderForCase(staff, cannedId, id);
  }

  /** Saves this resolved case's resolution as a knowledge-base article (once per case). */
  @Post('knowledge')
  saveArticle(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: SaveArticleDto) {
    return this.knowledge.saveFromCase(staff, id, body);
  }

  /** Searches past resolutions from this case. */
  @Get('knowledge')
  searchFromCase(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Query() query: CaseKnowledgeQuery) {
    return this.knowledge.search(staff, { q: query.q, caseId: id, limit: query.limit ?? 10 });
  }
}
