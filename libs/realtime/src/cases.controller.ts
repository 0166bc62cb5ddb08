import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { CHANNELS, type Channel, type StaffPrincipal } from '@inbox/contracts';
import { CurrentStaff } from '@inbox/auth';
import { CaseQueryService } from '@inbox/cases';

const STATUS_FILTERS = ['open', 'new', 'pending', 'escalated', 'resolved', 'closed'] as const;

class CaseListQuery {
  @ApiPropertyOptional({ description: 'Text in any of the case’s messages' })
  @IsOptional() @IsString() @MaxLength(200) q?: string;
  @ApiPropertyOptional({ enum: STATUS_FILTERS }) @IsOptional() @IsIn(STATUS_FILTERS) status?: string;
  @ApiPropertyOptional({ enum: CHANNELS }) @IsOptional() @IsIn(CHANNELS) channel?: Channel;
  @ApiPropertyOptional() @IsOptional() @IsUUID() customerId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() teamId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() assigneeId?: string;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

@ApiTags('cases')
@ApiBearerAuth()
@Controller('api')
export class CasesController {
  constructor(private readonly cases: CaseQueryService) {}

  @Get('cases')
  list(@CurrentStaff() staff: StaffPrincipal, @Query() query: CaseListQuery) {
    return this.cases.list(staff, { ...query, limit: query.limit ?? 50, offset: query.offset ?? 0 });
  }

  @Get('cases/:id')
  get(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string) {
    return this.cases.get(staff, id);
  }

  @Post('cases/:id/claim')
  @HttpCode(200)
  claim(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string) {
    return this.cases.claim(staff, id);
  }

  @Get('customers/:id')
  customer(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string) {
    return this.cases.customer(staff, id);
  }
}
