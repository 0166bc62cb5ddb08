import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import type { Response } from 'express';
import { CHANNELS, type StaffPrincipal } from '@inbox/contracts';
import { isAsicHalfYear, OUTCOMES, toCsv } from '@inbox/compliance';
import { CurrentStaff, Roles } from '@inbox/auth';
import { ComplaintsRegister, DEADLINE_STATES } from '../complaints-register.service';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

class RegisterQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional({ description: 'Received on or after (YYYY-MM-DD)' }) @IsOptional() @Matches(DAY) from?: string;
  @ApiPropertyOptional({ description: 'Received on or before (YYYY-MM-DD)' }) @IsOptional() @Matches(DAY) to?: string;
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS) channel?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) product?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) issue?: string;
  @ApiPropertyOptional({ enum: ['open', 'closed', 'new', 'pending', 'escalated', 'resolved'] })
  @IsOptional() @IsIn(['open', 'closed', 'new', 'pending', 'escalated', 'resolved']) status?: string;
  @ApiPropertyOptional({ enum: OUTCOMES }) @IsOptional() @IsIn(OUTCOMES) outcome?: string;
  @ApiPropertyOptional({ enum: DEADLINE_STATES }) @IsOptional() @IsIn(DEADLINE_STATES) deadlineState?: string;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

class PeriodQuery {
  @ApiPropertyOptional({ description: 'First day (YYYY-MM-DD); ASIC periods are 1 Jan–30 Jun and 1 Jul–31 Dec' }) @Matches(DAY) from!: string;
  @ApiPropertyOptional({ description: 'Last day (YYYY-MM-DD), inclusive' }) @Matches(DAY) to!: string;
}

/** The complaints register and the ASIC IDR data report. */
@ApiTags('compliance')
@ApiBearerAuth()
@Controller('api')
export class ComplaintsRegisterController {
  constructor(private readonly register: ComplaintsRegister) {}

  @Get('register')
  list(@CurrentStaff() staff: StaffPrincipal, @Query() query: RegisterQuery) {
    return this.register.list(staff, { ...query, limit: query.limit ?? 50, offset: query.offset ?? 0 });
  }

  @Get('register.csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="complaints-register.csv"')
  csv(@CurrentStaff() staff: StaffPrincipal, @Query() query: RegisterQuery) {
    const { limit: _limit, offset: _offset, ...filter } = query;
    return this.register.csv(staff, filter);
  }

  /** One row per complaint received in the period or open at its start; the rows that would fail are in X-Validation-Problems and at /validation. */
  @Get('reports/asic-idr.csv')
  @Roles('supervisor', 'admin')
  async asic(@Query() query: PeriodQuery, @Res({ passthrough: true }) res: Response) {
    const report = await this.register.asicReport(query.from, query.to);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="asic-idr-${query.from}-${query.to}.csv"`);
    res.setHeader('X-Code-List-Version', report.version);
    res.setHeader('X-Validation-Problems', String(report.problems.length));
    return toCsv(report.columns, report.rows);
  }

  /** The validator: every row that ASIC would reject, and why. */
  @Get('reports/asic-idr/validation')
  @Roles('supervisor', 'admin')
  async validation(@Query() query: PeriodQuery) {
    const report = await this.register.asicReport(query.from, query.to);
    return {
      codeListVersion: report.version,
      // ASIC collects half-years (1 Jan–30 Jun, 1 Jul–31 Dec); other periods are for checking only.
      halfYear: isAsicHalfYear(query.from, query.to),
      rows: report.rows.length,
      valid: report.problems.length === 0,
      problems: report.problems,
    };
  }
}
