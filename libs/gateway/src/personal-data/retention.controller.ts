import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { InvalidInputError, type StaffPrincipal } from '@inbox/contracts';
import { CurrentStaff } from '@inbox/auth';
import { Roles } from '@inbox/platform';
import { RetentionService } from '@inbox/personal-data';

class PreviewQuery {
  @ApiPropertyOptional({ description: 'The moment to judge at (ISO 8601); tonight\'s run by default' }) @IsOptional() @IsISO8601() at?: string;
}

/** Retention: "what would be deleted tonight" for supervisors and admins; an admin may run the sweep now. */
@ApiTags('personal data')
@ApiBearerAuth()
@Controller('api/admin/retention')
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @Roles('supervisor', 'admin')
  @Get('preview')
  preview(@Query() query: PreviewQuery) {
    return this.retention.preview(query.at ? parseAt(query.at) : undefined);
  }

  @Roles('admin')
  @Post('run')
  @HttpCode(200)
  run(@CurrentStaff() staff: StaffPrincipal) {
    return this.retention.run(new Date(), staff.userId);
  }
}

function parseAt(value: string): Date {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new InvalidInputError('invalid_at', 'at must be an ISO 8601 time');
  return at;
}
