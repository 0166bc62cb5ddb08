import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { BULK_CASE_ACTIONS, MAX_BULK_CASES, MAX_TAG_NAME_LENGTH, type BulkActionResult, type BulkCaseAction, type StaffPrincipal } from '@inbox/contracts';
import { CurrentStaff } from '@inbox/auth';
import { CaseBulkActionsService, CaseTagsService } from '@inbox/workspace';
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
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2_000) reason?: string;
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
    const input =
      body.action === 'tag'
        ? { action: 'tag' as const, tag: { name: body.tag!.name, colour: body.tag!.colour } }
        : body.action === 'change_team'
          ? { action: 'change_team' as const, teamId: body.teamId!, reason: body.reason }
          : { action: 'assign_to_me' as const };
    return this.bulk.run(staff, body.caseIds, input);
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
