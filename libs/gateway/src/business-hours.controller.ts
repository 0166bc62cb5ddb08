import { Body, Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsBoolean, IsObject, IsOptional } from 'class-validator';
import type { StaffPrincipal } from '@inbox/contracts';
import { CurrentStaff, Roles } from '@inbox/auth';
import { BusinessHoursService } from '@inbox/workspace';
import { IdParamPipe } from './id-param.pipe';

const TEAM_ID = new IdParamPipe('team_not_found', 'No such team');

class BusinessHoursDto {
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { mon: [{ open: '09:00', close: '17:00' }], tue: [{ open: '09:00', close: '17:00' }], sat: [], sun: [] },
    description: 'Openings per day (sun … sat), HH:MM in the firm’s time zone; a close at or before the open runs past midnight; an absent day is closed. Public holidays are closed.',
  })
  @IsObject()
  weekly!: Record<string, unknown>;
  @ApiPropertyOptional({ default: true, description: 'Send the automatic out-of-hours reply to messages that are not complaints' })
  @IsOptional()
  @IsBoolean()
  outOfHoursReply?: boolean;
}

/** Each team's business hours (admins set them; supervisors read them), with the firm's public holidays closed. */
@ApiTags('business hours')
@ApiBearerAuth()
@Controller('api/business-hours')
export class BusinessHoursController {
  constructor(private readonly hours: BusinessHoursService) {}

  @Get()
  @Roles('supervisor', 'admin')
  async list() {
    return { items: await this.hours.list() };
  }

  @Put(':teamId')
  @Roles('admin')
  set(@CurrentStaff() staff: StaffPrincipal, @Param('teamId', TEAM_ID) teamId: string, @Body() body: BusinessHoursDto) {
    return this.hours.set(staff.userId, teamId, body);
  }

  @Delete(':teamId')
  @Roles('admin')
  @HttpCode(204)
  async clear(@Param('teamId', TEAM_ID) teamId: string) {
    await this.hours.clear(teamId);
  }
}
