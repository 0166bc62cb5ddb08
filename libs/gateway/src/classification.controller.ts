import { Body, Controller, Param, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { CLASSIFICATION_KINDS, type ClassificationKind, type StaffPrincipal } from '@inbox/contracts';
import { CurrentStaff } from '@inbox/auth';
import { ClassificationCorrectionService } from '@inbox/intake';
import { CASE_ID, MESSAGE_ID } from './id-param.pipe';

class ClassificationCorrectionDto {
  @ApiPropertyOptional({ enum: CLASSIFICATION_KINDS }) @IsOptional() @IsIn(CLASSIFICATION_KINDS) kind?: ClassificationKind;
  @ApiPropertyOptional({ nullable: true, example: 'card' }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(40) product?: string | null;
  @ApiPropertyOptional({ nullable: true, example: 'fees_charges' }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(40) issue?: string | null;
  @ApiPropertyOptional({ description: 'Required when a complaint becomes something else' }) @IsOptional() @IsString() @MaxLength(500) reason?: string;
}

/** Agents correct the classifier; corrections are kept for the next training run. */
@ApiTags('classification')
@ApiBearerAuth()
@Controller('api')
export class ClassificationController {
  constructor(private readonly corrections: ClassificationCorrectionService) {}

  @Patch('messages/:id/classification')
  correctMessage(@CurrentStaff() staff: StaffPrincipal, @Param('id', MESSAGE_ID) id: string, @Body() body: ClassificationCorrectionDto) {
    return this.corrections.correctMessage(staff, id, body);
  }

  /** Corrects the case's first inbound message, and the case with it. */
  @Patch('cases/:id/classification')
  correctCase(@CurrentStaff() staff: StaffPrincipal, @Param('id', CASE_ID) id: string, @Body() body: ClassificationCorrectionDto) {
    return this.corrections.correctCase(staff, id, body);
  }
}
