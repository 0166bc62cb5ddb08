import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { StaffPrincipal } from '@inbox/contracts';
import { CurrentStaff } from '@inbox/auth';
import { SupportNeedsService } from '@inbox/personal-data';
import { CONSENT_STATES, SUPPORT_ADJUSTMENTS, VULNERABILITY_TYPES } from '@inbox/contracts';

class SupportNeedsDto {
  @ApiProperty({ enum: VULNERABILITY_TYPES, isArray: true }) @IsArray() @ArrayMaxSize(8) @IsString({ each: true }) vulnerabilityTypes!: string[];
  @ApiProperty({ description: 'How it is known: the customer told us, their representative, a document' }) @IsString() @MaxLength(500) howKnown!: string;
  @ApiProperty({ enum: CONSENT_STATES }) @IsIn(CONSENT_STATES as unknown as string[]) consent!: string;
  @ApiProperty({ enum: SUPPORT_ADJUSTMENTS, isArray: true }) @IsArray() @ArrayMaxSize(8) @IsString({ each: true }) adjustments!: string[];
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1_000) adjustmentNotes?: string;
  @ApiPropertyOptional({ description: 'Required with the named_contact adjustment' }) @IsOptional() @IsString() @MaxLength(200) namedContact?: string;
  @ApiProperty({ example: '2027-06-30' }) @IsString() @MaxLength(10) reviewDate!: string;
}

/**
 * A customer's support needs: seen and recorded only by the agent assigned to
 * one of their cases, supervisors and admins (others get 403); every change audited.
 */
@ApiTags('personal data')
@ApiBearerAuth()
@Controller('api/customers/:id/support-needs')
export class SupportNeedsController {
  constructor(private readonly needs: SupportNeedsService) {}

  @Get()
  view(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string) {
    return this.needs.view(staff, id);
  }

  @Put()
  record(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: SupportNeedsDto) {
    return this.needs.record(staff, id, body);
  }

  @Delete()
  @HttpCode(204)
  remove(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Query('reason') reason?: string) {
    return this.needs.remove(staff, id, reason ?? '');
  }
}
