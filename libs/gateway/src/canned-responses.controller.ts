import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import type { StaffPrincipal } from '@inbox/contracts';
import { CurrentStaff, Roles } from '@inbox/auth';
import { CannedResponsesService, PLACEHOLDERS } from '@inbox/workspace';

const BODY_HELP = `Text with placeholders filled per case: ${PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}`;

class CreateCannedDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) title!: string;
  @ApiProperty({ description: BODY_HELP }) @IsString() @MinLength(1) @MaxLength(10_000) body!: string;
  @ApiPropertyOptional({ description: 'Only this team sees it; everyone when omitted' }) @IsOptional() @IsUUID() teamId?: string;
}

class UpdateCannedDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) title?: string;
  @ApiPropertyOptional({ description: BODY_HELP }) @IsOptional() @IsString() @MinLength(1) @MaxLength(10_000) body?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUUID() teamId?: string | null;
}

class CannedListQuery {
  @ApiPropertyOptional({ description: 'Text in the title or body' }) @IsOptional() @IsString() @MaxLength(200) q?: string;
}

/** Canned responses: everyone uses them (filled for a case under /api/cases/:id/canned-responses); supervisors and admins edit them. */
@ApiTags('canned responses')
@ApiBearerAuth()
@Controller('api/canned-responses')
export class CannedResponsesController {
  constructor(private readonly canned: CannedResponsesService) {}

  @Get()
  async list(@CurrentStaff() staff: StaffPrincipal, @Query() query: CannedListQuery) {
    return { items: await this.canned.list(staff, query.q), placeholders: PLACEHOLDERS };
  }

  @Get(':cannedId')
  get(@CurrentStaff() staff: StaffPrincipal, @Param('cannedId') id: string) {
    return this.canned.get(staff, id);
  }

  @Roles('supervisor', 'admin')
  @Post()
  create(@CurrentStaff() staff: StaffPrincipal, @Body() body: CreateCannedDto) {
    return this.canned.create(staff, body);
  }

  @Roles('supervisor', 'admin')
  @Patch(':cannedId')
  update(@CurrentStaff() staff: StaffPrincipal, @Param('cannedId') id: string, @Body() body: UpdateCannedDto) {
    return this.canned.update(staff, id, body);
  }

  @Roles('supervisor', 'admin')
  @Delete(':cannedId')
  @HttpCode(204)
  async remove(@CurrentStaff() staff: StaffPrincipal, @Param('cannedId') id: string) {
    await this.canned.remove(staff, id);
  }
}
