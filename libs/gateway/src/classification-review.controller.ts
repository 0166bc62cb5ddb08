import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { ClassificationKind, StaffPrincipal } from '@inbox/contracts';
import { CurrentStaff, Roles } from '@inbox/auth';
import { ClassificationReviewService } from '@inbox/intake';

const OVERTURN_KINDS: ClassificationKind[] = ['complaint', 'enquiry', 'compliment', 'noise'];

class UpholdDto {
  @ApiPropertyOptional({ description: 'Why the decision was right (optional)' }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

class OverturnDto {
  @ApiProperty({ description: 'Why the decision was wrong (audited)' }) @IsString() @MaxLength(500) reason!: string;
  @ApiPropertyOptional({ enum: OVERTURN_KINDS, default: 'complaint' }) @IsOptional() @IsIn(OVERTURN_KINDS) kind?: ClassificationKind;
}

class SampleDto {
  @ApiProperty({ example: '2024-11-23', description: 'A completed day in the firm’s time zone' }) @IsString() day!: string;
}

/**
 * The supervisors' review of not-a-complaint decisions (docs/classification.md): each day's random sample,
 * upheld or overturned; overturned messages become complaints with their clock from first receipt.
 */
@ApiTags('classification')
@ApiBearerAuth()
@Roles('supervisor', 'admin')
@Controller('api/classification-reviews')
export class ClassificationReviewController {
  constructor(private readonly reviews: ClassificationReviewService) {}

  /** `?status=pending|upheld|overturned&day=YYYY-MM-DD&limit=` → `{ items, total }`, newest day first. */
  @Get()
  list(@Query('status') status?: string, @Query('day') day?: string, @Query('limit') limit?: string) {
    return this.reviews.list({ status, day, limit: limit === undefined ? undefined : Number(limit) || undefined });
  }

  /** Sampling and overturn rates over the last `days` (default 30) completed days. */
  @Get('stats')
  stats(@Query('days') days?: string) {
    return this.reviews.stats(days === undefined ? 30 : Number(days));
  }

  /** Draws a completed day's sample now, if the sampler has not (it does so on its own each day). */
  @Post('samples')
  @HttpCode(200)
  sample(@Body() body: SampleDto) {
    return this.reviews.sampleDay(body.day);
  }

  @Post(':id/uphold')
  @HttpCode(200)
  uphold(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: UpholdDto) {
    return this.reviews.uphold(staff, id, body.reason);
  }

  @Post(':id/overturn')
  @HttpCode(200)
  overturn(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: OverturnDto) {
    return this.reviews.overturn(staff, id, body);
  }
}
