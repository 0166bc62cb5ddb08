import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { BULK_CASE_ACTIONS, MAX_BULK_CASES, MAX_TAG_NAME_LENGTH, SETTABLE_CASE_STATUSES, type BulkActionResult, type BulkCaseAction, type SettableCaseStatus, type StaffPrincipal } from '@inbox/contracts';
import { CurrentStaff } from '@inbox/auth';
import { CaseBulkActionsService, CaseTagsService, type BulkActionInput } from '@inbox/workspace';
import { CASE_ID, TAG_ID } from './id-param.pipe';

class TagDto {
  @ApiProperty({ maxLength: MAX_TAG_NAME_LENGTH, description: 'An existing tag’s name (any case) or a new one' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;
  @ApiPropertyOptional({ example: '#2563eb', description: 'For a new tag; the next colour of the palette when absent' })
  @IsOptional()
  @Matches(/^#[0-9a-fA-F]{6}$/)
  colour?: string;
}

class BulkActionDto {
  @ApiProperty({ type: [String], maxItems: MAX_BULK_CASES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_CASES)
  @IsUUID('all', { each: true })
  caseIds!: string[];
  @ApiProperty({ enum: BULK_CASE_ACTIONS }) @IsIn(BULK_CASE_ACTIONS) action!: BulkCaseAction;
  @ApiPropertyOptional({ type: TagDto, description: 'For `tag`' })
  @ValidateIf((o: BulkActionDto) => o.action === 'tag')
  @ValidateNested()
  @Type(() => TagDto)
  tag?: TagDto;
  @ApiPropertyOptional({ description: 'For `change_team`' }) @ValidateIf((o: BulkActionDto) => o.action === 'change_team') @IsUUID() teamId?: string;
  @ApiPropertyOptional({ enum: SETTABLE_CASE_STATUSES, description: 'For `change_status`: `open` reopens a resolved or closed case, `escalated` escalates to supervisors (with a reason). Resolving goes through the IDR response.' })
  @ValidateIf((o: BulkActionDto) => o.action === 'change_status')
  @IsIn(SETTABLE_CASE_STATUSES)
  status?: SettableCaseStatus;
  @ApiPropertyOptional({ description: 'For `apply_macro`' }) @ValidateIf((o: BulkActionDto) => o.action === 'apply_macro') @IsUUID() macroId?: string;
  @ApiPropertyOptional({ description: 'Why (`change_team`, `change_status`; required to escalate)' }) @IsOptional() @IsString() @MaxLength(2_000) reason?: string;
}

/** Tags on cases, and one action on many cases at once (each case authorised and audited on its own). */
@ApiTags('case actions')
@ApiBearerAuth()
@Controller('api')
export class CaseTagsController {
  constructor(
    private readonly tags: CaseTagsService,
    private readonly bulk: CaseBulkActionsService,
  ) {}

  /** Every tag, the most used (in the caller's teams) first: what the tag field suggests as the agent types. */
  @Get('tags')
  async list(@CurrentStaff() staff: StaffPrincipal) {
    return { items: await this.tags.list(staff) };
  }

  @Post('cases/bulk')
  @HttpCode(200)
  bulkAction(@CurrentStaff() staff: StaffPrincipal, @Body() body: BulkActionDto): Promise<BulkActionResult> {
    return this.bulk.run(staff, body.caseIds, bulkInput(body));
  }

  /** Puts a tag on the case, making the tag when no tag has that name. */
  @Post('cases/:id/tags')
  tag(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: TagDto) {
    return this.tags.tag(staff, id, body);
  }

  @Delete('cases/:id/tags/:tagId')
  untag(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Param('tagId', TAG_ID) tagId: string) {
    return this.tags.untag(staff, id, tagId);
  }
}

function bulkInput(body: BulkActionDto): BulkActionInput {
  switch (body.action) {
    case 'tag':
      return { action: 'tag', tag: { name: body.tag!.name, colour: body.tag!.colour } };
    case 'change_team':
      return { action: 'change_team', teamId: body.teamId!, reason: body.reason };
    case 'change_status':
      return { action: 'change_status', status: body.status!, reason: body.reason };
    case 'apply_macro':
      return { action: 'apply_macro', macroId: body.macroId! };
    case 'assign_to_me':
      return { action: 'assign_to_me' };
  }
}
