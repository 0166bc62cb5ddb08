import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import type { StaffPrincipal } from '@inbox/contracts';
import { CurrentStaff } from '@inbox/auth';
import { Roles } from '@inbox/platform';
import { CustomerErasureService, CustomerExportService, LegalHoldsService } from '@inbox/personal-data';

class ReasonDto {
  @ApiProperty({ description: 'Why: part of the audited record' }) @IsString() @MaxLength(1_000) reason!: string;
}

/**
 * A customer's rights over their data (docs/personal-data.md): the subject
 * access export, erasure with the holds that limit it, and legal holds.
 * Supervisors and admins act on requests; only admins place and lift legal holds.
 */
@ApiTags('personal data')
@ApiBearerAuth()
@Controller('api/customers/:id')
export class PersonalDataController {
  constructor(
    private readonly exports: CustomerExportService,
    private readonly erasure: CustomerErasureService,
    private readonly holds: LegalHoldsService,
  ) {}

  /** Everything held about the customer as a ZIP (JSON and the attachment files); audited. */
  @Roles('supervisor', 'admin')
  @Get('export')
  async export(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const file = await this.exports.export(staff, id);
    res
      .status(200)
      .set({
        'content-type': 'application/zip',
        'content-length': String(file.zip.length),
        'content-disposition': `attachment; filename="${file.fileName}"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      })
      .end(file.zip);
  }

  /** Erase what no hold keeps; the answer lists what was erased and what is held, and why. */
  @Roles('supervisor', 'admin')
  @Post('erasure')
  @HttpCode(200)
  erase(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: ReasonDto) {
    return this.erasure.request(staff, id, body.reason);
  }

  @Roles('supervisor', 'admin')
  @Get('erasure-requests')
  async erasures(@Param('id') id: string) {
    return { items: await this.erasure.history(id) };
  }

  @Roles('supervisor', 'admin')
  @Get('legal-holds')
  async listHolds(@Param('id') id: string) {
    return { items: await this.holds.list(id) };
  }

  @Roles('admin')
  @Post('legal-holds')
  placeHold(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: ReasonDto) {
    return this.holds.place(staff, id, body.reason);
  }

  /** Lifting a hold carries out the erasure requests it held back. */
  @Roles('admin')
  @Post('legal-holds/:holdId/lift')
  @HttpCode(200)
  liftHold(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Param('holdId') holdId: string, @Body() body: ReasonDto) {
    return this.holds.lift(staff, id, holdId, body.reason);
  }
}
