import { applyDecorators, Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { CHANNELS, type Channel, type ClassificationKind } from '@inbox/contracts';
import { Roles } from '@inbox/auth';
import { RoutingRulesService } from '@inbox/workspace';

const KINDS: ClassificationKind[] = ['complaint', 'enquiry', 'compliment', 'noise'];
const WORDS_HELP = 'Any one of these words or phrases in the first message, as whole words, without regard to case';

/** A rule's words, the same on create and on change: up to 50, each up to 200 characters. */
const RuleWords = () =>
  applyDecorators(
    ApiPropertyOptional({ type: [String], description: WORDS_HELP }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(50),
    IsString({ each: true }),
    MaxLength(200, { each: true }),
  );

class CreateRoutingRuleDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(120) name!: string;
  @ApiProperty({ description: 'The team a matching new case goes to' }) @IsUUID() teamId!: string;
  @ApiPropertyOptional({ enum: CHANNELS, nullable: true }) @IsOptional() @IsIn(CHANNELS) channel?: Channel | null;
  @ApiPropertyOptional({ nullable: true, description: 'The mailbox, number or page the message came to' })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  account?: string | null;
  @ApiPropertyOptional({ enum: KINDS, nullable: true }) @IsOptional() @IsIn(KINDS) kind?: ClassificationKind | null;
  @RuleWords()
  words?: string[];
}

class UpdateRoutingRuleDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(120) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() teamId?: string;
  @ApiPropertyOptional({ enum: CHANNELS, nullable: true }) @ValidateIf((_, v) => v !== undefined && v !== null) @IsIn(CHANNELS) channel?: Channel | null;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_, v) => v !== undefined && v !== null) @IsString() @MaxLength(320) account?: string | null;
  @ApiPropertyOptional({ enum: KINDS, nullable: true }) @ValidateIf((_, v) => v !== undefined && v !== null) @IsIn(KINDS) kind?: ClassificationKind | null;
  @RuleWords()
  words?: string[];
}

class RoutingOrderDto {
  @ApiProperty({ type: [String], description: 'Every rule id, in the order they are tried' })
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  ids!: string[];
}

/** Routing rules: which team a newly opened case goes to. Admins only: they decide where work lands. */
@ApiTags('routing rules')
@ApiBearerAuth()
@Roles('admin')
@Controller('api/routing-rules')
export class RoutingRulesController {
  constructor(private readonly rules: RoutingRulesService) {}

  @Get()
  async list() {
    return { items: await this.rules.list() };
  }

  @Post()
  create(@Body() body: CreateRoutingRuleDto) {
    return this.rules.create(body);
  }

  @Put('order')
  async reorder(@Body() body: RoutingOrderDto) {
    return { items: await this.rules.reorder(body.ids) };
  }

  @Patch(':ruleId')
  update(@Param('ruleId') id: string, @Body() body: UpdateRoutingRuleDto) {
    return this.rules.update(id, body);
  }

  @Delete(':ruleId')
  @HttpCode(204)
  async remove(@Param('ruleId') id: string) {
    await this.rules.remove(id);
  }
}
