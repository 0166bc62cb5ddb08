import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import type { Response } from 'express';
import type { AsicValidation, StaffPrincipal } from '@inbox/contracts';
import { CODED_SOURCES } from '@inbox/compliance';
import { CurrentStaff, Roles } from '@inbox/auth';
import { AsicIdrExport } from '@inbox/complaint-handling';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

class PeriodQuery {
  @ApiProperty({ description: 'First day of the half-year (YYYY-MM-DD): 1 Jan or 1 Jul' }) @Matches(DAY) from!: string;
  @ApiProperty({ description: 'Last day, inclusive: 30 Jun or 31 Dec' }) @Matches(DAY) to!: string;
}

class LoadDictionaryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) fileName?: string;
  @ApiPropertyOptional({ description: 'The dictionary workbook (.xlsx: ASIC’s template sheet plus Elements, Codes, About), base64' })
  @IsOptional() @IsString() @MaxLength(2_000_000) contentBase64?: string;
  @ApiPropertyOptional({ description: 'Or the same dictionary as JSON' }) @IsOptional() @IsObject() dictionary?: Record<string, unknown>;
}

class MappingEntryDto {
  @ApiProperty({ description: 'The inbox value (a channel, product, issue…)' }) @IsString() @MaxLength(100) value!: string;
  @ApiProperty({ nullable: true, description: 'The dictionary code; null clears it' }) @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(100) code!: string | null;
}

class MappingDto {
  @ApiProperty({ enum: CODED_SOURCES }) @IsIn(CODED_SOURCES) source!: string;
  @ApiProperty({ type: [MappingEntryDto] }) @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => MappingEntryDto) entries!: MappingEntryDto[];
}

/**
 * The ASIC IDR data file, driven by the dictionary the firm loads:
 * dictionaries, the mapping of the inbox's values to their codes, the
 * half-year's validation and the file. Compliance officers sign in as
 * supervisors or admins.
 */
@ApiTags('compliance')
@ApiBearerAuth()
@Controller('api/reports')
@Roles('supervisor', 'admin')
export class AsicIdrController {
  constructor(private readonly asic: AsicIdrExport) {}

  @Get('asic-idr/dictionaries')
  list() {
    return this.asic.list();
  }

  /** Loads a new dictionary version (409 when that version exists; 400 listing every problem of a bad one). */
  @Post('asic-idr/dictionaries')
  load(@CurrentStaff() staff: StaffPrincipal, @Body() body: LoadDictionaryDto) {
    return this.asic.load(staff, body);
  }

  @Get('asic-idr/dictionaries/:version')
  get(@Param('version') version: string) {
    return this.asic.get(version);
  }

  @Put('asic-idr/dictionaries/:version/mapping')
  mapping(@CurrentStaff() staff: StaffPrincipal, @Param('version') version: string, @Body() body: MappingDto) {
    return this.asic.setMapping(staff, version, body);
  }

  /** Every complaint in the half-year's file that ASIC's validation would reject, why, and where to fix it; unmapped values; nil return. */
  @Get('asic-idr/validation')
  async validation(@Query() query: PeriodQuery): Promise<AsicValidation> {
    const file = await this.asic.file(query.from, query.to);
    return {
      period: file.period,
      dictionary: file.dictionary,
      complaints: file.rows.length,
      nilReturn: file.nilReturn,
      valid: file.failures.length === 0,
      failures: file.failures,
      unmapped: file.unmapped,
      excluded: file.excluded,
    };
  }

  /** The CSV to lodge: one row per complaint in the dictionary's column order; 409 while any row fails or for a nil return. */
  @Get('asic-idr.csv')
  async csv(@Query() query: PeriodQuery, @Res({ passthrough: true }) res: Response) {
    const { fileName, text, file } = await this.asic.csv(query.from, query.to);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
    res.setHeader('X-Dictionary-Version', file.dictionary.version);
    res.setHeader('X-Dictionary-Verified', String(file.dictionary.verified));
    return text;
  }
}
