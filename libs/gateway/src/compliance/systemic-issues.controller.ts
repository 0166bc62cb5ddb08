import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, ValidateIf } from 'class-validator';
import type { StaffPrincipal } from '@inbox/contracts';
import { CurrentStaff, Roles } from '@inbox/auth';
import { SYSTEMIC_STATUSES, SystemicIssueService } from '@inbox/complaint-handling';
import { SYSTEMIC_ISSUE_ID } from '../id-param.pipe';

class SystemicQuery {
  @ApiPropertyOptional({ enum: SYSTEMIC_STATUSES }) @IsOptional() @IsIn(SYSTEMIC_STATUSES) status?: string;
}

class SystemicUpdateDto {
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() ownerUserId?: string | null;
  @ApiPropertyOptional({ enum: SYSTEMIC_STATUSES }) @IsOptional() @IsIn(SYSTEMIC_STATUSES) status?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) reason?: string;
}

/** Possible systemic issues: agents' flags and triage's incidents in one list, each with an owner and a status. */
@ApiTags('compliance')
@ApiBearerAuth()
@Controller('api/systemic-issues')
export class SystemicIssuesController {
  constructor(private readonly issues: SystemicIssueService) {}

  @Get()
  list(@CurrentStaff() staff: StaffPrincipal, @Query() query: SystemicQuery) {
    return this.issues.list(staff, query);
  }

  @Get(':id')
  get(@CurrentStaff() staff: StaffPrincipal, @Param('id', SYSTEMIC_ISSUE_ID) id: string) {
    return this.issues.get(staff, id);
  }

  @Patch(':id')
  @Roles('supervisor', 'admin')
  update(@CurrentStaff() staff: StaffPrincipal, @Param('id', SYSTEMIC_ISSUE_ID) id: string, @Body() body: SystemicUpdateDto) {
    return this.issues.update(staff, id, body);
  }
}
