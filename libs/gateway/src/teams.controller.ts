import { Body, Controller, Delete, Get, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Roles } from '@inbox/auth';
import { PushAssignmentService, TeamsService, type AssignmentMode } from '@inbox/workspace';

const MODES: AssignmentMode[] = ['pull', 'push'];

class CreateTeamDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(120) name!: string;
  @ApiPropertyOptional({ enum: MODES, default: 'pull' }) @IsOptional() @IsIn(MODES) assignmentMode?: AssignmentMode;
  @ApiPropertyOptional({ default: 25 }) @IsOptional() @IsInt() @Min(1) @Max(1_000) maxOpenPerAgent?: number;
}

class UpdateTeamDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(120) name?: string;
  @ApiPropertyOptional({ enum: MODES, description: 'pull: agents claim from the queue; push: new cases go to the least-loaded online agent' })
  @IsOptional()
  @IsIn(MODES)
  assignmentMode?: AssignmentMode;
  @ApiPropertyOptional({ description: 'Open cases an agent may hold before push assignment passes them over' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1_000)
  maxOpenPerAgent?: number;
}

/** Teams: every staff member may list them (to transfer or escalate); supervisors and admins change them. */
@ApiTags('teams')
@ApiBearerAuth()
@Controller('api/teams')
export class TeamsController {
  constructor(
    private readonly teams: TeamsService,
    private readonly assignment: PushAssignmentService,
  ) {}

  @Get()
  async list() {
    return { items: await this.teams.list() };
  }

  @Get(':teamId')
  get(@Param('teamId') id: string) {
    return this.teams.get(id);
  }

  @Roles('admin')
  @Post()
  create(@Body() body: CreateTeamDto) {
    return this.teams.create(body);
  }

  @Roles('supervisor', 'admin')
  @Patch(':teamId')
  async update(@Param('teamId') id: string, @Body() body: UpdateTeamDto) {
    const team = await this.teams.update(id, body);
    // Switching to push (or raising the limit) hands out what is waiting now.
    if (team.assignmentMode === 'push' && (await this.assignment.assignWaiting(id)) > 0) return this.teams.get(id);
    return team;
  }

  @Roles('supervisor', 'admin')
  @Put(':teamId/members/:userId')
  addMember(@Param('teamId') id: string, @Param('userId') userId: string) {
    return this.teams.addMember(id, userId);
  }

  @Roles('supervisor', 'admin')
  @Delete(':teamId/members/:userId')
  removeMember(@Param('teamId') id: string, @Param('userId') userId: string) {
    return this.teams.removeMember(id, userId);
  }
}
