import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { CHANNELS, type StaffPrincipal } from '@inbox/contracts';
import { OUTCOMES } from '@inbox/compliance';
import { CurrentStaff } from '@inbox/auth';
import { ComplaintsRegister, DEADLINE_STATES } from '@inbox/complaint-handling';

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

/** The complaints register (the ASIC IDR data file is asic-idr.controller.ts). */
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
}
