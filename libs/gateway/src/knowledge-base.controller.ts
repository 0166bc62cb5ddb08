import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { StaffPrincipal } from '@inbox/contracts';
import { CurrentStaff, Roles } from '@inbox/auth';
import { KnowledgeBaseService } from '@inbox/workspace';

class KnowledgeSearchQuery {
  @ApiPropertyOptional({ description: 'Web-search syntax: words, "exact phrase", or, -word (English and Russian, stemmed)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
  @ApiPropertyOptional({ description: 'Search from this case: its category and latest words when q is empty' }) @IsOptional() @IsUUID() caseId?: string;
  @ApiPropertyOptional({ default: 10 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(50) limit?: number;
}

class UpdateArticleDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) title?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(20_000) body?: string;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsString() @MaxLength(100) category?: string | null;
}

class CreateArticleDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) title!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(20_000) body!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) category?: string;
}

/** The knowledge base of resolutions (articles are saved from resolved cases at POST /api/cases/:id/knowledge). */
@ApiTags('knowledge base')
@ApiBearerAuth()
@Controller('api/knowledge')
export class KnowledgeBaseController {
  constructor(private readonly knowledge: KnowledgeBaseService) {}

  /** Best matches for q (or from a case); without either, the newest articles with the total the caller may see. */
  @Get()
  search(@CurrentStaff() staff: StaffPrincipal, @Query() query: KnowledgeSearchQuery) {
    if (!query.q?.trim() && !query.caseId) return this.knowledge.latest(staff, query.limit ?? 10);
    return this.knowledge.search(staff, { q: query.q, caseId: query.caseId, limit: query.limit ?? 10 });
  }

  @Get(':articleId')
  get(@CurrentStaff() staff: StaffPrincipal, @Param('articleId') id: string) {
    return this.knowledge.get(staff, id);
  }

  @Roles('supervisor', 'admin')
  @Post()
  create(@CurrentStaff() staff: StaffPrincipal, @Body() body: CreateArticleDto) {
    return this.knowledge.create(staff, body);
  }

  /** Write and edit any article, including one saved from a case. */
  @Roles('supervisor', 'admin')
  @Patch(':articleId')
  update(@CurrentStaff() staff: StaffPrincipal, @Param('articleId') id: string, @Body() body: UpdateArticleDto) {
    return this.knowledge.update(staff, id, body);
  }

  @Roles('supervisor', 'admin')
  @Delete(':articleId')
  @HttpCode(204)
  async remove(@CurrentStaff() staff: StaffPrincipal, @Param('articleId') id: string) {
    await this.knowledge.remove(staff, id);
  }
}
