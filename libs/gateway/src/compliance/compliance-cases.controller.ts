import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsDateString, IsIn, IsNumber, IsOptional, IsString, IsUUID, Matches, MaxLength, Min, ValidateNested } from 'class-validator';
import type { StaffPrincipal } from '@inbox/contracts';
import { CLOSURE_STATES, COMPLAINT_TYPES, NO_RESPONSE_REASONS, OUTCOMES, PAUSE_REASONS, REMEDY_TYPES } from '@inbox/compliance';
import { CurrentStaff } from '@inbox/auth';
import { ComplaintClockService } from '@inbox/complaint-handling';
import { IdrResponseService } from '@inbox/complaint-handling';
import { SystemicIssueService } from '@inbox/complaint-handling';
import { HardshipService } from '@inbox/complaint-handling';
import { CASE_ID } from '../id-param.pipe';

class RemedyDto {
  @ApiProperty({ enum: REMEDY_TYPES }) @IsIn(REMEDY_TYPES) type!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) description?: string;
  @ApiPropertyOptional({ description: 'Who carries out an agreed remedy (RG 271.165)' }) @IsOptional() @IsUUID() ownerUserId?: string;
  @ApiPropertyOptional({ description: 'When it is due' }) @IsOptional() @IsDateString() dueAt?: string;
}

class NoIdrResponseDto {
  @ApiProperty({ enum: NO_RESPONSE_REASONS }) @IsIn(NO_RESPONSE_REASONS) reason!: string;
  @ApiProperty({ description: 'Why no IDR response is required (kept with the resolution)' }) @IsString() @MaxLength(5_000) note!: string;
}

class ResolveDto {
  @ApiProperty({ enum: OUTCOMES }) @IsIn(OUTCOMES) outcome!: string;
  @ApiProperty({ enum: CLOSURE_STATES }) @IsIn(CLOSURE_STATES) closureState!: string;
  @ApiProperty({ description: 'Findings and reasons, addressing each issue raised (RG 271.53)' }) @IsString() @MaxLength(10_000) reasons!: string;
  @ApiPropertyOptional({ type: [RemedyDto] }) @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => RemedyDto) remedies?: RemedyDto[];
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) compensationAmount?: number;
  @ApiPropertyOptional({ description: 'Required for closed_within_5_days: evidence of satisfaction (RG 271.73) or why nothing more can be done (RG 271.74)' })
  @IsOptional() @IsString() @MaxLength(5_000) satisfactionEvidence?: string;
  @ApiPropertyOptional({ description: 'Language of the IDR response (the customer’s by default)' }) @IsOptional() @IsString() @MaxLength(3) language?: string;
  @ApiPropertyOptional({
    type: NoIdrResponseDto,
    description: 'Withdrawn or escalated_afca only: the documented reason no IDR response is required; without it the response is sent (RG 271.53 Note 3, 271.56)',
  })
  @IsOptional() @ValidateNested() @Type(() => NoIdrResponseDto) noIdrResponse?: NoIdrResponseDto;
}

class UnfoundedDto {
  @ApiProperty({ description: 'Why the complaint is not upheld, politely and with the findings' }) @IsString() @MaxLength(10_000) reasons!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(3) language?: string;
}

class DelayNoticeDto {
  @ApiProperty({ description: 'The reasons for the delay (RG 271.65)' }) @IsString() @MaxLength(10_000) reasons!: string;
  @ApiPropertyOptional({ enum: ['complexity', 'outside_control'], default: 'complexity' }) @IsOptional() @IsIn(['complexity', 'outside_control']) ground?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(3) language?: string;
}

class ComplianceDetailsDto {
  @ApiPropertyOptional({ enum: COMPLAINT_TYPES }) @IsOptional() @IsIn(COMPLAINT_TYPES) complaintType?: string;
  @ApiPropertyOptional({ description: 'Why (required when the type changes; audited)' }) @IsOptional() @IsString() @MaxLength(1000) reason?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateString() deathBenefitNoticeAt?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() writtenResponseRequested?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() declinedInsuranceClaim?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() insuranceClaimValue?: boolean;
  @ApiPropertyOptional({ description: 'The complaint is about one of the firm’s representatives (e.g. an authorised or credit representative) — ASIC’s IDR data element' })
  @IsOptional() @IsBoolean() aboutRepresentative?: boolean;
  @ApiPropertyOptional({ type: [String], description: 'Products (e.g. card, mortgage) for the register and the ASIC report' })
  @IsOptional() @IsArray() @IsString({ each: true }) @Matches(/^[a-z0-9_]{1,40}$/, { each: true }) products?: string[];
  @ApiPropertyOptional({ type: [String], description: 'Issues (e.g. fees_charges, delay)' })
  @IsOptional() @IsArray() @IsString({ each: true }) @Matches(/^[a-z0-9_]{1,40}$/, { each: true }) issues?: string[];
}

class PauseDto {
  @ApiProperty({ enum: PAUSE_REASONS }) @IsString() reason!: string;
  @ApiProperty() @IsString() @MaxLength(1000) note!: string;
}

class ResumeDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

/** Each test on its own; one left out keeps its recorded answer. */
class SocialTestsDto {
  @ApiPropertyOptional({ description: 'About the firm (RG 271.27)' }) @IsOptional() @IsBoolean() aboutTheFirm?: boolean;
  @ApiPropertyOptional({ description: 'On a platform or account the firm owns or controls (RG 271.32(a))' }) @IsOptional() @IsBoolean() onChannelFirmControls?: boolean;
  @ApiPropertyOptional({ description: 'The author is identifiable (RG 271.32(a))' }) @IsOptional() @IsBoolean() authorIdentifiable?: boolean;
  @ApiPropertyOptional({ description: 'The author is contactable (RG 271.32(a))' }) @IsOptional() @IsBoolean() authorContactable?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) why?: string;
}

class InformationRequestDto {
  @ApiPropertyOptional({ description: 'What was asked for' }) @IsOptional() @IsString() @MaxLength(1000) note?: string;
}

class InformationReceivedDto {
  @ApiPropertyOptional({ description: 'When it arrived (default now)' }) @IsOptional() @IsDateString() receivedAt?: string;
}

class HardshipAgreementDto {
  @ApiProperty({ description: 'What was agreed: the written confirmation states it (RG 271.99)' }) @IsString() @MaxLength(5000) terms!: string;
  @ApiPropertyOptional({ description: 'When it was agreed (default now)' }) @IsOptional() @IsDateString() agreedAt?: string;
}

class LanguageDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Matches(/^[a-z]{2,3}$/) language?: string;
}

class SystemicFlagDto {
  @ApiPropertyOptional({ description: 'An existing issue to add the case to; a new issue otherwise' }) @IsOptional() @IsUUID() issueId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(300) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(5000) description?: string;
}

/** RG 271 actions on one case: thin edges over the compliance services. */
@ApiTags('compliance')
@ApiBearerAuth()
@Controller('api/cases/:id')
export class ComplianceCasesController {
  constructor(
    private readonly idr: IdrResponseService,
    private readonly clock: ComplaintClockService,
    private readonly systemic: SystemicIssueService,
    private readonly hardship: HardshipService,
  ) {}

  /** Hardship: we asked for missing information (within 21 days); the deadline becomes 7 days after a 21-day wait (RG 271.93). */
  @Post('hardship/information-request')
  @HttpCode(200)
  informationRequested(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: InformationRequestDto) {
    return this.hardship.informationRequested(staff, id, body);
  }

  /** Hardship: the information arrived; within the wait the deadline is 21 days from then (RG 271.93). */
  @Post('hardship/information-received')
  @HttpCode(200)
  informationReceived(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: InformationReceivedDto) {
    return this.hardship.informationReceived(staff, id, body);
  }

  /** Hardship: an agreement reached, to be confirmed in writing within 30 days (RG 271.99). */
  @Post('hardship/agreement')
  @HttpCode(200)
  agreement(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: HardshipAgreementDto) {
    return this.hardship.recordAgreement(staff, id, body);
  }

  /** Sends the written confirmation of the hardship agreement on the customer's channel. */
  @Post('hardship/agreement/confirmation')
  @HttpCode(200)
  confirmAgreement(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: LanguageDto) {
    return this.hardship.confirmAgreement(staff, id, body);
  }

  /** Closes the complaint; sends the IDR response (with the AFCA block) unless RG 271 lets it close without one. Emits `case.resolved`. */
  @Post('resolve')
  @HttpCode(200)
  resolve(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: ResolveDto) {
    return this.idr.resolve(staff, id, body);
  }

  /** The exact IDR response a resolve would send, and on which channel to whom — or that none would be sent; nothing changes. */
  @Post('resolve/preview')
  @HttpCode(200)
  previewResolve(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: ResolveDto) {
    return this.idr.previewResolve(staff, id, body);
  }

  @Post('unfounded/preview')
  @HttpCode(200)
  previewUnfounded(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: UnfoundedDto) {
    return this.idr.previewUnfounded(staff, id, body);
  }

  @Post('delay-notice/preview')
  @HttpCode(200)
  previewDelayNotice(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: DelayNoticeDto) {
    return this.idr.previewDelayNotice(staff, id, body);
  }

  /** A polite, reasoned decline: the IDR response with the outcome "not upheld". */
  @Post('unfounded')
  @HttpCode(200)
  unfounded(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: UnfoundedDto) {
    return this.idr.unfounded(staff, id, body);
  }

  /** The IDR delay notification; refused after the deadline (RG 271.64). */
  @Post('delay-notice')
  @HttpCode(200)
  delayNotice(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: DelayNoticeDto) {
    return this.idr.delayNotice(staff, id, body);
  }

  @Get('compliance')
  details(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string) {
    return this.clock.detailsOf(staff, id);
  }

  /** Complaint type (and so the IDR deadline) and the RG 271.75 triggers; audited. */
  @Patch('compliance')
  update(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: ComplianceDetailsDto) {
    return this.clock.updateDetails(staff, id, body);
  }

  @Post('clock/pause')
  @HttpCode(200)
  pause(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: PauseDto) {
    return this.clock.pause(staff, id, body);
  }

  @Post('clock/resume')
  @HttpCode(200)
  resume(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: ResumeDto) {
    return this.clock.resume(staff, id, body);
  }

  /** The RG 271.32(a) tests of a social-media case, each as the agent judges it; a post that fails one runs on no clock and is not reported. */
  @Put('social-tests')
  socialTests(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: SocialTestsDto) {
    const { why, ...tests } = body;
    return this.clock.recordSocialTests(staff, id, tests, why ?? 'recorded by an agent');
  }

  /** One click: flag a possible systemic issue. */
  @Post('systemic-flag')
  flag(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: SystemicFlagDto) {
    return this.systemic.flagCase(staff, id, body);
  }
}
