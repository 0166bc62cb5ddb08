import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';
import type { StaffPrincipal } from '@inbox/contracts';
import { CurrentStaff } from '@inbox/auth';
import { CaseMergeService, CaseSplitService, SplitSuggestionsService } from '@inbox/intake';
import { CASE_ID } from './id-param.pipe';

class CaseSplitDto {
  @ApiProperty({ type: [String], description: 'The customer’s messages of this case to move to a new case (not all of them, no replies)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  messageIds!: string[];
}

class CaseMergeDto {
  @ApiProperty({ description: 'The open case of the same customer that survives' }) @IsUUID() intoCaseId!: string;
}

/**
 * One complaint, one case (docs/workspace.md): split messages out to a new
 * case, merge a customer's cases, undo a merge, and intake's split
 * suggestions. Who may: the case action policy (docs/case-actions.md).
 */
@ApiTags('case actions')
@ApiBearerAuth()
@Controller('api/cases/:id')
export class CaseSplitController {
  constructor(
    private readonly splits: CaseSplitService,
    private readonly merges: CaseMergeService,
    private readonly suggestions: SplitSuggestionsService,
  ) {}

  /** Moves the named messages to a new case with its own reference and RG 271 clock; answers the new case. */
  @Post('split')
  split(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: CaseSplitDto) {
    return this.splits.split(staff, id, body.messageIds);
  }

  /** Merges this case into another open case of the same customer; this one is closed as merged. */
  @Post('merge')
  @HttpCode(200)
  merge(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: CaseMergeDto) {
    return this.merges.merge(staff, id, body.intoCaseId);
  }

  /** Undoes the merge of this (merged) case while neither case has been answered since. */
  @Post('unmerge')
  @HttpCode(200)
  unmerge(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string) {
    return this.merges.unmerge(staff, id);
  }

  /** Intake’s open suggestions that a message of this case is another complaint. */
  @Get('split-suggestions')
  async splitSuggestions(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string) {
    return { items: await this.suggestions.openFor(staff, id) };
  }

  @Post('split-suggestions/:suggestionId/dismiss')
  @HttpCode(200)
  dismiss(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Param('suggestionId') suggestionId: string) {
    return this.suggestions.dismiss(staff, id, suggestionId);
  }
}
