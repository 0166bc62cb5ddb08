import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { RULE_ACTION_TYPES, RULE_EVENTS, RULE_TIME_CONDITIONS, RULE_TIME_UNITS, type StaffPrincipal } from '@inbox/contracts';
import { CurrentStaff, Roles } from '@inbox/auth';
import { AutomationRulesService } from '@inbox/workspace';
import { IdParamPipe } from './id-param.pipe';

const RULE_ID = new IdParamPipe('rule_not_found', 'No such rule');

const TRIGGER_HELP =
  `{ "type": "event", "event": one of ${RULE_EVENTS.join(', ')} } or ` +
  `{ "type": "time", "condition": one of ${RULE_TIME_CONDITIONS.join(', ')}, "amount": a positive number, "unit": one of ${RULE_TIME_UNITS.join(', ')} }`;
const CONDITIONS_HELP =
  'All must hold: { "channels": [...], "teamIds": [...], "tags": [names, all carried], "kinds": [complaint, enquiry, compliment, noise], "businessHours": "within" | "outside", "fields": [{ "fieldId", "equals" } for text and list case fields, { "fieldId", "min"?, "max"? } for number and date ones] }; absent holds for every case';
const ACTIONS_HELP =
  `In order, each one of ${RULE_ACTION_TYPES.join(', ')}: { "type": "assign", "teamId"?, "assigneeId"? }, { "type": "add_tag", "tag" }, ` +
  '{ "type": "notify", "userId" | "teamId", "message" }, { "type": "escalate", "reason" } (to supervisors), { "type": "send_reply", "text" } ({{customer.name}}, {{case.reference}} filled), { "type": "set_priority", "priority": 1–5 }';

class CreateRuleDto {
  @ApiProperty({ maxLength: 120 }) @IsString() @MinLength(1) @MaxLength(120) name!: string;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true, description: TRIGGER_HELP }) @IsObject() trigger!: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: CONDITIONS_HELP }) @IsOptional() @IsObject() conditions?: Record<string, unknown>;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: ACTIONS_HELP }) @IsArray() actions!: unknown[];
}

class UpdateRuleDto {
  @ApiPropertyOptional({ maxLength: 120 }) @IsOptional() @IsString() @MinLength(1) @MaxLength(120) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: TRIGGER_HELP }) @IsOptional() @IsObject() trigger?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: CONDITIONS_HELP }) @IsOptional() @IsObject() conditions?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'array', items: { type: 'object', additionalProperties: true }, description: ACTIONS_HELP }) @IsOptional() @IsArray() actions?: unknown[];
}

/**
 * Automation rules: when an event happens on a case or time passes, and the conditions hold, do the actions.
 * Admins only, like routing rules: a rule acts on every team's cases as the inbox itself.
 */
@ApiTags('automation rules')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/automation-rules')
export class AutomationRulesController {
  constructor(private readonly rules: AutomationRulesService) {}

  @Get()
  async list() {
    return { items: await this.rules.list() };
  }

  @Post()
  create(@CurrentStaff() staff: StaffPrincipal, @Body() body: CreateRuleDto) {
    return this.rules.create(staff.userId, body);
  }

  @Patch(':ruleId')
  update(@Param('ruleId', RULE_ID) id: string, @Body() body: UpdateRuleDto) {
    return this.rules.update(id, body);
  }

  @Delete(':ruleId')
  @HttpCode(204)
  async remove(@Param('ruleId', RULE_ID) id: string) {
    await this.rules.remove(id);
  }

  /** The rule's log: its latest 200 runs, newest first, each with its case and what each action did. */
  @Get(':ruleId/runs')
  async runs(@Param('ruleId', RULE_ID) id: string) {
    return { items: await this.rules.runs(id) };
  }
}
