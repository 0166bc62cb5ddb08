import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import type { DataSource } from 'typeorm';
import { ConflictError, InvalidInputError, NotFoundError, type StaffPrincipal } from '@inbox/contracts';
import { HOLIDAY_RULES_SOURCE, JURISDICTIONS, TEMPLATE_KINDS, isTemplateKind, REQUIRED_PLACEHOLDERS } from '@inbox/compliance';
import { CurrentStaff, Roles } from '@inbox/auth';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { recordAudit } from '@inbox/complaint-handling';
import { ComplianceCalendar } from '@inbox/complaint-handling';
import { ComplianceTemplateStore } from '@inbox/complaint-handling';

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
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly templates: ComplianceTemplateStore,
    private readonly calendar: ComplianceCalendar,
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
  async overrides() {
    const rows = (await this.db.query(
      `SELECT id, to_char(date, 'YYYY-MM-DD') AS date, jurisdiction, action, name, created_by, created_at FROM public_holiday_overrides ORDER BY date`,
    )) as Array<{ id: string; date: string; jurisdiction: string; action: string; name: string; created_by: string | null; created_at: Date }>;
    return { items: rows.map((r) => ({ id: r.id, date: r.date, jurisdiction: r.jurisdiction, action: r.action, name: r.name, createdBy: r.created_by, createdAt: r.created_at.toISOString() })) };
  }

  /** Adds a public holiday (or removes a shipped one) for a state or the whole country. New deadlines use it at once. */
  @Post('holiday-overrides')
  @Roles('admin')
  async addOverride(@CurrentStaff() staff: StaffPrincipal, @Body() body: HolidayOverrideDto) {
    if (Number.isNaN(Date.parse(`${body.date}T00:00:00Z`))) throw new InvalidInputError('invalid_date', 'date must be a real date');
    const row = await this.db.transaction(async (em) => {
      const inserted = (await em.query(
        `INSERT INTO public_holiday_overrides (date, jurisdiction, action, name, created_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (date, jurisdiction) DO NOTHING RETURNING id`,
        [body.date, body.jurisdiction, body.action, body.name.trim(), staff.userId],
      )) as Array<{ id: string }>;
      if (inserted.length === 0) throw new ConflictError('override_exists', `There is already an override for ${body.date} in ${body.jurisdiction}; delete it first`);
      await recordAudit(em, { actorUserId: staff.userId, action: 'holiday.override_added', data: { ...body } });
      return inserted[0];
    });
    await this.calendar.refresh();
    return { id: row.id, ...body };
  }

  @Delete('holiday-overrides/:id')
  @Roles('admin')
  @HttpCode(204)
  async deleteOverride(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string) {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError('override_not_found', 'No such override');
    await this.db.transaction(async (em) => {
      const [row] = (await em.query(
        `SELECT to_char(date, 'YYYY-MM-DD') AS date, jurisdiction, action, name FROM public_holiday_overrides WHERE id = $1 FOR UPDATE`,
        [id],
      )) as Array<Record<string, string>>;
      if (!row) throw new NotFoundError('override_not_found', 'No such override');
      await em.query(`DELETE FROM public_holiday_overrides WHERE id = $1`, [id]);
      await recordAudit(em, { actorUserId: staff.userId, action: 'holiday.override_deleted', data: row });
    });
    await this.calendar.refresh();
  }

  /** The compliance audit trail (read-only: the database refuses changes). */
  @Get('audit')
  @Roles('supervisor', 'admin')
  async audit(@Query() query: AuditQuery) {
    const rows = (await this.db.query(
      `SELECT id, case_id, actor_user_id, action, reason, data, created_at FROM compliance_audit
        WHERE ($1::uuid IS NULL OR case_id = $1) ORDER BY id DESC LIMIT $2`,
      [query.caseId ?? null, query.limit ?? 200],
    )) as Array<{ id: string; case_id: string | null; actor_user_id: string | null; action: string; reason: string | null; data: unknown; created_at: Date }>;
    return {
      items: rows.map((r) => ({ id: Number(r.id), caseId: r.case_id, actorUserId: r.actor_user_id, action: r.action, reason: r.reason, data: r.data, at: r.created_at.toISOString() })),
    };
  }
}
