import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { STAFF_ROLES, type StaffPrincipal, type StaffRole } from '@inbox/contracts';
import { ClientIp, CurrentSessionId, CurrentStaff, Public, Roles } from './auth.decorators';
import { TokenService } from './token.service';
import { UsersService } from './users.service';

class LoginDto {
  @ApiProperty({ example: 'admin@inbox.local' })
  @IsEmail()
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}

class CreateUserDto {
  @ApiProperty() @IsEmail() email!: string;
  @ApiProperty({ minLength: 8 }) @IsString() @MinLength(8) @MaxLength(200) password!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(120) name!: string;
  @ApiProperty({ enum: STAFF_ROLES }) @IsIn(STAFF_ROLES) role!: StaffRole;
  @ApiProperty({ required: false, type: [String], description: 'Teams; the default team when omitted' })
  @IsOptional()
  @IsUUID('all', { each: true })
  teamIds?: string[];
}

class UpdateUserDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(120) name?: string;
  @ApiPropertyOptional({ enum: STAFF_ROLES, description: 'A change ends every session of the user' }) @IsOptional() @IsIn(STAFF_ROLES) role?: StaffRole;
  @ApiPropertyOptional({ type: [String], description: 'The full list of teams; a change ends every session of the user' })
  @IsOptional()
  @IsUUID('all', { each: true })
  teamIds?: string[];
}

class PasswordDto {
  @ApiProperty({ minLength: 8 }) @IsString() @MinLength(8) @MaxLength(200) password!: string;
}

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly tokens: TokenService) {}

  /** `{accessToken, expiresAt, user}`; limited per client address and per account (429 with Retry-After). */
  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() body: LoginDto, @ClientIp() clientAddress: string, @Headers('user-agent') userAgent?: string) {
    return this.tokens.login(body.email, body.password, { clientAddress, userAgent });
  }

  /** Ends this session: the token stops working and its sockets close, on every process. */
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentSessionId() sessionId: string) {
    await this.tokens.logout(sessionId);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentStaff() staff: StaffPrincipal) {
    return staff;
  }
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Roles('admin')
  @Post()
  create(@Body() body: CreateUserDto) {
    return this.users.create(body);
  }

  @Roles('supervisor', 'admin')
  @Get()
  async list() {
    return { items: await this.users.list() };
  }

  /** Name, role, teams; a change of role or teams ends the user's sessions. */
  @Roles('admin')
  @Patch(':id')
  update(@Param('id') id: string, @Body() body: UpdateUserDto) {
    return this.users.update(id, body);
  }

  /** The user can no longer sign in; their sessions end and their sockets close within moments. */
  @Roles('admin')
  @Post(':id/disable')
  @HttpCode(200)
  disable(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string) {
    return this.users.setActive(staff.userId, id, false);
  }

  @Roles('admin')
  @Post(':id/enable')
  @HttpCode(200)
  enable(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string) {
    return this.users.setActive(staff.userId, id, true);
  }

  /** Sets a new password for the user; every session of theirs ends. */
  @Roles('admin')
  @Put(':id/password')
  @HttpCode(204)
  async resetPassword(@Param('id') id: string, @Body() body: PasswordDto) {
    await this.users.resetPassword(id, body.password);
  }
}
