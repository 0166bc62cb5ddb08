import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { QUEUE_ASSIGNEE_FILTERS, QUEUE_SORTS, type QueueAssigneeFilter, type QueueSort, type StaffPrincipal } from '@inbox/contracts';
import { CurrentStaff } from '@inbox/auth';
import { SavedViewsService } from '@inbox/workspace';
import { SAVED_VIEW_ID } from './id-param.pipe';

class FieldConditionDto {
  @ApiProperty() @IsUUID() fieldId!: string;
  @ApiPropertyOptional({ description: 'Text and list fields: the value kept (without regard to case)' })
  @ValidateIf((o: FieldConditionDto) => o.min === undefined && o.max === undefined)
  @IsString()
  @MaxLength(500)
  equals?: string;
  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'number' }], description: 'Number and date fields: the lowest value kept' })
  @IsOptional()
  min?: string | number;
  @ApiPropertyOptional({ oneOf: [{ type: 'string' }, { type: 'number' }], description: 'Number and date fields: the highest value kept' })
  @IsOptional()
  max?: string | number;
}

class QueueFiltersDto {
  @ApiProperty({ enum: QUEUE_ASSIGNEE_FILTERS }) @IsIn(QUEUE_ASSIGNEE_FILTERS) assignee!: QueueAssigneeFilter;
  @ApiProperty({ type: [String], description: 'Cases that carry every one of these tags' }) @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true }) tagIds!: string[];
  @ApiProperty({ description: 'Words a case’s customer, text, reference or category contains' }) @IsString() @MaxLength(200) text!: string;
  @ApiPropertyOptional({ type: [FieldConditionDto], description: 'Conditions on case fields, every one holds' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => FieldConditionDto)
  fields?: FieldConditionDto[];
  @ApiPropertyOptional({ enum: QUEUE_SORTS, default: 'deadline', description: 'The order the view shows its cases in; absent: deadline first' })
  @IsOptional()
  @IsIn(QUEUE_SORTS, { message: `filters.sort must be one of ${QUEUE_SORTS.join(', ')}` })
  sort?: QueueSort;
}

class SavedViewDto {
  @ApiProperty({ maxLength: 60 }) @IsString() @MinLength(1) @MaxLength(60) name!: string;
  @ApiProperty({ type: QueueFiltersDto }) @ValidateNested() @Type(() => QueueFiltersDto) filters!: QueueFiltersDto;
  @ApiPropertyOptional({ description: 'Share with this team (one the caller is in); absent: the caller’s own view' }) @IsOptional() @IsUUID() teamId?: string;
}

/** Saved views of the queue: the caller's own and those shared with their teams. */
@ApiTags('case actions')
@ApiBearerAuth()
@Controller('api/saved-views')
export class SavedViewsController {
  constructor(private readonly views: SavedViewsService) {}

  @Get()
  async list(@CurrentStaff() staff: StaffPrincipal) {
    return { items: await this.views.list(staff) };
  }

  @Post()
  create(@CurrentStaff() staff: StaffPrincipal, @Body() body: SavedViewDto) {
    return this.views.create(staff, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentStaff() staff: StaffPrincipal, @Param('id', SAVED_VIEW_ID) id: string) {
    await this.views.remove(staff, id);
  }
}
