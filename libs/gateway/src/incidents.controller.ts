import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import type { StaffPrincipal } from '@inbox/contracts';
import { CurrentStaff, Roles } from '@inbox/auth';
import { IncidentsService } from '@inbox/intake';
import { INCIDENT_ID } from './id-param.pipe';

class IncidentUpdateDto {
  @ApiProperty({ maxLength: 10_000, description: 'Sent to every linked customer on their own channel' })
  @IsString()
  @MaxLength(10_000)
  text!: string;
}

/** Bursts of similar complaints, for supervisors: see them, and tell every affected customer at once. */
@ApiTags('incidents')
@ApiBearerAuth()
@Roles('supervisor', 'admin')
@Controller('api/incidents')
export class IncidentsController {
  constructor(private readonly incidents: IncidentsService) {}

  @Get()
  list() {
    return this.incidents.list();
  }

  @Get(':id')
  get(@CurrentStaff() staff: StaffPrincipal, @Param('id', INCIDENT_ID) id: string) {
    return this.incidents.get(staff, id);
  }

  @Post(':id/close')
  @HttpCode(200)
  close(@CurrentStaff() staff: StaffPrincipal, @Param('id', INCIDENT_ID) id: string) {
    return this.incidents.close(staff, id);
  }

  @Post(':id/updates')
  sendUpdate(@CurrentStaff() staff: StaffPrincipal, @Param('id', INCIDENT_ID) id: string, @Body() body: IncidentUpdateDto) {
    return this.incidents.sendUpdate(staff, id, body.text);
  }
}
