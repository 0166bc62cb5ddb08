import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { NotFoundError, type StaffPrincipal } from '@inbox/contracts';
import { HOLIDAY_RULES_SOURCE, JURISDICTIONS, TEMPLATE_KINDS, isTemplateKind, REQUIRED_PLACEHOLDERS } from '@inbox/compliance';
import { CurrentStaff, Roles } from '@inbox/auth';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { ComplianceAuditTrail, HolidayOverridesService } from '@inbox/complaint-handling';
import { ComplianceCalendar } from '@inbox/complaint-handling';
import { ComplianceTemplateStore } from '@inbox/complaint-handling';
import { HOLIDAY_OVERRIDE_ID } from '../id-param.pipe';

class TemplateDto {
  @ApiProperty({ description: 'Text with {{placeholders}}; the required ones cannot be removed' }) @IsString() @MaxLength(20_000) body!: string;
}

class HolidayOverrideDto {
  @ApiProperty({ example: '2026-03-02' }) @Matches(/^\d{4}-\d{2}-\d{2}$/) date!: string;
  @ApiProperty({ enum: JURISDICTIONS }) @IsIn(JURISDICTIONS) jurisdiction!: string;
  @ApiProperty({ enum: ['add', 'remove'] }) @IsIn(['add', 'remove']) action!: string;
  @ApiProperty() @IsString() @MaxLength(200) name!: string;
}

class YearQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) year?: number;
}

class AuditQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() caseId?: string;
  @ApiPropertyOptional({ default: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

/** Admins edit the RG 271 templates (each edit a new version) and the public-holiday calendar; supervisors read the audit trail. */
@ApiTags('compliance')
@ApiBearerAuth()
@Controller('api/compliance')
export class ComplianceAdminController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly templates: ComplianceTemplateStore,
    private readonly calendar: ComplianceCalendar,
    private readonly holidayOverrides: HolidayOverridesService,
    private readonly auditTrail: ComplianceAuditTrail,
  ) {}

  @Get('templates')
  async listTemplates() {
    return { kinds: TEMPLATE_KINDS, requiredPlaceholders: REQUIRED_PLACEHOLDERS, items: await this.templates.list() };
  }

  @Get('templates/:kind/:language')
  history(@Param('kind') kind: string, @Param('language') language: string) {
    if (!isTemplateKind(kind)) throw new NotFoundError('template_kind_not_found', `No template kind ${kind}`);
    return this.templates.history(kind, language);
  }

  /** A new version; refused (400, naming what is missing) without the required parts. */
  @Put('templates/:kind/:language')
  @Roles('admin')
  saveTemplate(@CurrentStaff() staff: StaffPrincipal, @Param('kind') kind: string, @Param('language') language: string, @Body() body: TemplateDto) {
    if (!isTemplateKind(kind)) throw new NotFoundError('template_kind_not_found', `No template kind ${kind}`);
    return this.templates.save(kind, language, body.body, staff.userId);
  }

  /** The holidays in force for the firm's region (computed by rule for any year, plus overrides). */
  @Get('holidays')
  holidays(@Query() query: YearQuery) {
    const year = query.year ?? new Date().getFullYear();
    return {
      state: this.calendar.state,
      timeZone: this.config.timeZone,
      rules: HOLIDAY_RULES_SOURCE,
      year,
      holidays: this.calendar.holidaysIn(year),
      overrides: this.calendar.currentOverrides(),
      policy: this.calendar.policy,
    };
  }

  @Get('holiday-overrides')
  overrides() {
    return this.holidayOverrides.list();
  }

  /** Adds a public holiday (or removes a shipped one) for a state or the whole country. New deadlines use it at once. */
  @Post('holiday-overrides')
  @Roles('admin')
  addOverride(@CurrentStaff() staff: StaffPrincipal, @Body() body: HolidayOverrideDto) {
    return this.holidayOverrides.add(staff.userId, body);
  }

  @Delete('holiday-overrides/:id')
  @Roles('admin')
  @HttpCode(204)
  deleteOverride(@CurrentStaff() staff: StaffPrincipal, @Param('id', HOLIDAY_OVERRIDE_ID) id: string) {
    return this.holidayOverrides.delete(staff.userId, id);
  }

  /** The compliance audit trail (read-only: the database refuses changes). */
  @Get('audit')
  @Roles('supervisor', 'admin')
  audit(@Query() query: AuditQuery) {
    return this.auditTrail.list(query);
  }
}
