import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import type { StaffPrincipal } from '@inbox/contracts';
import { CurrentStaff, Roles } from '@inbox/auth';
import { FinalResponseApprovals, type FinalResponseKind, type FinalResponseProposal } from '@inbox/complaint-handling';
import { CASE_ID } from '../id-param.pipe';

class ProposalDto {
  @ApiProperty({ enum: ['resolve', 'unfounded'] }) @IsIn(['resolve', 'unfounded']) kind!: FinalResponseKind;
  @ApiProperty({ description: 'The body POST /api/cases/:id/resolve (or /unfounded) takes; checked the same way now' }) @IsObject() input!: Record<string, unknown>;
}

class ReturnDto {
  @ApiPropertyOptional({ description: 'What to change' }) @IsOptional() @IsString() @MaxLength(2_000) note?: string;
}

/** FINAL_RESPONSE_APPROVAL: the holder proposes the final response; a supervisor approves (sends) or returns it (docs/case-actions.md). */
@ApiTags('compliance')
@ApiBearerAuth()
@Controller('api/cases/:id/final-response')
export class FinalResponseController {
  constructor(private readonly approvals: FinalResponseApprovals) {}

  @Post()
  propose(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: ProposalDto) {
    return this.approvals.propose(staff, id, body.kind, body.input as unknown as FinalResponseProposal['input']);
  }

  /** The proposal waiting for approval, with exactly what approving sends; `{ proposal: null }` when none waits. */
  @Get()
  async waiting(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string) {
    return { proposal: await this.approvals.waiting(staff, id) };
  }

  @Post('approve')
  @Roles('supervisor', 'admin')
  @HttpCode(200)
  approve(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string) {
    return this.approvals.approve(staff, id);
  }

  @Post('return')
  @Roles('supervisor', 'admin')
  @HttpCode(200)
  giveBack(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: ReturnDto) {
    return this.approvals.giveBack(staff, id, body.note?.trim() || 'Returned without a note');
  }
}
