import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import type { StaffPrincipal } from '@inbox/contracts';
import { CurrentStaff } from '@inbox/auth';
import { RepresentativesService } from '@inbox/personal-data';
import { REPRESENTATIVE_RELATIONSHIPS, REPRESENTATIVE_SCOPES } from '@inbox/contracts';
import { REPRESENTATIVE_CHANNELS } from '@inbox/privacy';

class RepresentativeDto {
  @ApiProperty() @IsString() @MaxLength(200) name!: string;
  @ApiProperty({ enum: REPRESENTATIVE_RELATIONSHIPS }) @IsIn(REPRESENTATIVE_RELATIONSHIPS as unknown as string[]) relationship!: string;
  @ApiProperty({ enum: REPRESENTATIVE_CHANNELS }) @IsIn(REPRESENTATIVE_CHANNELS as unknown as string[]) channel!: string;
  @ApiProperty({ example: 'counsellor@ndh.example' }) @IsString() @MaxLength(320) address!: string;
  @ApiProperty({ description: 'The evidence of authority seen: a signed authority form, a power of attorney' }) @IsString() @MaxLength(1_000) evidence!: string;
  @ApiProperty({ enum: REPRESENTATIVE_SCOPES }) @IsIn(REPRESENTATIVE_SCOPES as unknown as string[]) scope!: string;
  @ApiPropertyOptional({ description: 'The case, for a one_case authority' }) @IsOptional() @IsUUID() caseId?: string;
}

/** Authorised representatives of a customer (audited); a case linked to one shows in the register as made through them. */
@ApiTags('personal data')
@ApiBearerAuth()
@Controller('api/customers/:id/representatives')
export class RepresentativesController {
  constructor(private readonly representatives: RepresentativesService) {}

  @Get()
  async list(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string) {
    return { items: await this.representatives.list(staff, id) };
  }

  @Post()
  add(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: RepresentativeDto) {
    return this.representatives.add(staff, id, body);
  }

  @Post(':representativeId/revoke')
  @HttpCode(204)
  revoke(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Param('representativeId') representativeId: string) {
    return this.representatives.revoke(staff, id, representativeId);
  }

  /** The complaint on this case was made through this representative. */
  @Post(':representativeId/cases/:caseId')
  @HttpCode(204)
  linkCase(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Param('representativeId') representativeId: string, @Param('caseId') caseId: string) {
    return this.representatives.linkCase(staff, id, representativeId, caseId);
  }
}
