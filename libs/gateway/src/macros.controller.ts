import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags, type ApiPropertyOptions } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { MACRO_SCOPES, MAX_MACRO_NAME_LENGTH, MAX_MACRO_STEPS, SETTABLE_CASE_STATUSES, type MacroRunResult, type MacroScope, type StaffPrincipal } from '@inbox/contracts';
import { CurrentStaff } from '@inbox/auth';
import { MacroRunService, MacrosService, PLACEHOLDERS } from '@inbox/workspace';
import { CASE_ID, MACRO_ID } from './id-param.pipe';

/** The steps as OpenAPI shows them: one object per kind of step, told apart by `type`. */
const STEPS_SCHEMA: ApiPropertyOptions = {
  type: 'array',
  minItems: 1,
  maxItems: MAX_MACRO_STEPS,
  description: `Run in order. A reply's template may use ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}; at most one reply per macro.`,
  items: {
    oneOf: [
      { type: 'object', required: ['type', 'template'], properties: { type: { enum: ['reply'] }, template: { type: 'string', maxLength: 10_000 } } },
      { type: 'object', required: ['type', 'text'], properties: { type: { enum: ['note'] }, text: { type: 'string', maxLength: 10_000 } } },
      { type: 'object', required: ['type', 'tag'], properties: { type: { enum: ['tag'] }, tag: { type: 'string', maxLength: 40 } } },
      {
        type: 'object',
        required: ['type', 'to'],
        properties: { type: { enum: ['assign'] }, to: { enum: ['me', 'agent', 'nobody'] }, userId: { type: 'string', format: 'uuid', description: 'For `agent`' } },
      },
      {
        type: 'object',
        required: ['type', 'status'],
        properties: {
          type: { enum: ['change_status'] },
          status: { enum: [...SETTABLE_CASE_STATUSES], description: '`open` reopens; `escalated` escalates to supervisors. Resolving goes through the IDR response.' },
          reason: { type: 'string', maxLength: 2_000, description: 'Required for `escalated`' },
        },
      },
      {
        type: 'object',
        required: ['type', 'fieldId', 'value'],
        properties: {
          type: { enum: ['set_field'] },
          fieldId: { type: 'string', format: 'uuid', description: 'A case field, not archived' },
          value: { oneOf: [{ type: 'string' }, { type: 'number' }], nullable: true, description: 'A value the field’s kind takes (dates YYYY-MM-DD, a list’s option); null clears the field' },
        },
      },
    ],
  },
};

class CreateMacroDto {
  @ApiProperty({ maxLength: MAX_MACRO_NAME_LENGTH }) @IsString() @MinLength(1) @MaxLength(MAX_MACRO_NAME_LENGTH) name!: string;
  @ApiProperty(STEPS_SCHEMA) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_MACRO_STEPS) @IsObject({ each: true }) actions!: object[];
  @ApiProperty({ enum: MACRO_SCOPES, description: '`team` and `everyone` are for supervisors and admins' }) @IsIn(MACRO_SCOPES) scope!: MacroScope;
  @ApiPropertyOptional({ description: 'For `team`' }) @IsOptional() @IsUUID() teamId?: string;
}

class UpdateMacroDto {
  @ApiPropertyOptional({ maxLength: MAX_MACRO_NAME_LENGTH }) @IsOptional() @IsString() @MinLength(1) @MaxLength(MAX_MACRO_NAME_LENGTH) name?: string;
  @ApiPropertyOptional(STEPS_SCHEMA) @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_MACRO_STEPS) @IsObject({ each: true }) actions?: object[];
  @ApiPropertyOptional({ enum: MACRO_SCOPES }) @IsOptional() @IsIn(MACRO_SCOPES) scope?: MacroScope;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUUID() teamId?: string | null;
}

/** Macros: each agent keeps their own; supervisors and admins share them with a team or everyone. */
@ApiTags('macros')
@ApiBearerAuth()
@Controller('api')
export class MacrosController {
  constructor(
    private readonly macros: MacrosService,
    private readonly runs: MacroRunService,
  ) {}

  /** The caller's own macros and those shared with them, with the placeholders a reply step may use. */
  @Get('macros')
  async list(@CurrentStaff() staff: StaffPrincipal) {
    return { items: await this.macros.list(staff), placeholders: PLACEHOLDERS };
  }

  @Post('macros')
  create(@CurrentStaff() staff: StaffPrincipal, @Body() body: CreateMacroDto) {
    return this.macros.create(staff, body);
  }

  @Patch('macros/:macroId')
  update(@CurrentStaff() staff: StaffPrincipal, @Param('macroId', MACRO_ID) id: string, @Body() body: UpdateMacroDto) {
    return this.macros.update(staff, id, body);
  }

  @Delete('macros/:macroId')
  @HttpCode(204)
  async remove(@CurrentStaff() staff: StaffPrincipal, @Param('macroId', MACRO_ID) id: string) {
    await this.macros.remove(staff, id);
  }

  /** The macros the caller may use, each reply step filled for this case: what the composer previews before it runs one. */
  @Get('cases/:id/macros')
  async forCase(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string) {
    return { items: await this.runs.previewsForCase(staff, id) };
  }

  /** Runs the macro's steps in order, each through its own action; answers what applied and what did not, and why. */
  @Post('cases/:id/macros/:macroId/apply')
  @HttpCode(200)
  apply(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Param('macroId', MACRO_ID) macroId: string): Promise<MacroRunResult> {
    return this.runs.apply(staff, macroId, id);
  }
}
