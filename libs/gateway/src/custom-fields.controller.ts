import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import {
  CUSTOM_FIELD_KINDS,
  CUSTOM_FIELD_TARGETS,
  MAX_FIELD_HELP_LENGTH,
  MAX_FIELD_LABEL_LENGTH,
  MAX_FIELD_OPTIONS,
  type CustomFieldKind,
  type CustomFieldTarget,
  type StaffPrincipal,
} from '@inbox/contracts';
import { CurrentStaff, Roles } from '@inbox/auth';
import { CaseFieldsService, CustomerFieldsService, CustomFieldsService } from '@inbox/workspace';
import { CASE_ID, CUSTOMER_ID, FIELD_ID } from './id-param.pipe';

const OPTIONS_HELP = 'A list field’s choices, in the order shown';

class CreateFieldDto {
  @ApiProperty({ example: 'product', description: 'How exports and the queue API name it: lower case, digits, underscores; never changes' })
  @IsString()
  @MaxLength(40)
  key!: string;
  @ApiProperty({ maxLength: MAX_FIELD_LABEL_LENGTH }) @IsString() @MinLength(1) @MaxLength(200) label!: string;
  @ApiProperty({ enum: CUSTOM_FIELD_KINDS }) @IsIn(CUSTOM_FIELD_KINDS) kind!: CustomFieldKind;
  @ApiProperty({ enum: CUSTOM_FIELD_TARGETS }) @IsIn(CUSTOM_FIELD_TARGETS) appliesTo!: CustomFieldTarget;
  @ApiPropertyOptional({ type: [String], description: OPTIONS_HELP })
  @ValidateIf((o: CreateFieldDto) => o.kind === 'list' || o.options !== undefined)
  @IsArray()
  @ArrayMaxSize(MAX_FIELD_OPTIONS)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  options?: string[];
  @ApiPropertyOptional({ maxLength: MAX_FIELD_HELP_LENGTH, nullable: true, description: 'A line shown under the field in forms' })
  @IsOptional()
  @IsString()
  @MaxLength(1_000)
  help?: string | null;
}

class UpdateFieldDto {
  @ApiPropertyOptional({ maxLength: MAX_FIELD_LABEL_LENGTH }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) label?: string;
  @ApiPropertyOptional({ type: [String], description: `${OPTIONS_HELP}; values already set keep what they were` })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_FIELD_OPTIONS)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  options?: string[];
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_, v) => v !== undefined && v !== null) @IsString() @MaxLength(1_000) help?: string | null;
  @ApiPropertyOptional({ description: 'true: hidden from forms, its values kept in history and exports; false: back in use' })
  @IsOptional()
  @IsBoolean()
  archived?: boolean;
}

class FieldValueDto {
  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'number' }],
    description: 'Text (at most 500 characters), a finite number, a date YYYY-MM-DD, or one of a list field’s options',
  })
  @IsDefined()
  value!: string | number;
}

class FieldListQuery {
  @ApiPropertyOptional({ description: 'Archived fields too' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => value === 'true' || value === true)
  @IsBoolean()
  archived?: boolean;
}

/**
 * Custom fields: admins define them (on cases or customers); staff read the
 * definitions to fill them in. A case's fields are changed by whoever may act
 * on the case (a case event each), a customer's by staff who may see the
 * customer (audited). Fields are archived, never deleted.
 */
@ApiTags('custom fields')
@ApiBearerAuth()
@Controller('api')
export class CustomFieldsController {
  constructor(
    private readonly definitions: CustomFieldsService,
    private readonly caseFields: CaseFieldsService,
    private readonly customerFields: CustomerFieldsService,
  ) {}

  @Get('custom-fields')
  async list(@Query() query: FieldListQuery) {
    return { items: await this.definitions.list(query.archived ?? false) };
  }

  @Post('custom-fields')
  @Roles('admin')
  create(@CurrentStaff() staff: StaffPrincipal, @Body() body: CreateFieldDto) {
    return this.definitions.create(staff.userId, body);
  }

  @Patch('custom-fields/:fieldId')
  @Roles('admin')
  update(@Param('fieldId', FIELD_ID) id: string, @Body() body: UpdateFieldDto) {
    return this.definitions.update(id, body);
  }

  @Put('cases/:id/fields/:fieldId')
  setOnCase(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Param('fieldId', FIELD_ID) fieldId: string, @Body() body: FieldValueDto) {
    return this.caseFields.set(staff, id, fieldId, body.value);
  }

  @Delete('cases/:id/fields/:fieldId')
  clearOnCase(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Param('fieldId', FIELD_ID) fieldId: string) {
    return this.caseFields.clear(staff, id, fieldId);
  }

  /** The customer's fields, values and the history of their changes. */
  @Get('customers/:id/fields')
  customer(@CurrentStaff() staff: StaffPrincipal, @Param('id', CUSTOMER_ID) id: string) {
    return this.customerFields.view(staff, id);
  }

  @Put('customers/:id/fields/:fieldId')
  setOnCustomer(@CurrentStaff() staff: StaffPrincipal, @Param('id', CUSTOMER_ID) id: string, @Param('fieldId', FIELD_ID) fieldId: string, @Body() body: FieldValueDto) {
    return this.customerFields.set(staff, id, fieldId, body.value);
  }

  @Delete('customers/:id/fields/:fieldId')
  clearOnCustomer(@CurrentStaff() staff: StaffPrincipal, @Param('id', CUSTOMER_ID) id: string, @Param('fieldId', FIELD_ID) fieldId: string) {
    return this.customerFields.clear(staff, id, fieldId);
  }
}
