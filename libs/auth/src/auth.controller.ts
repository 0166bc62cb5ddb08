import { Body, Controller, Delete, Get, Headers, HttpCode, Inject, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { StaffAudit } from './staff-audit';
import { clearSessionCookies, cookieIsSecure, csrfTokenFor, setSessionCookies } from './session-cookie';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { NotFoundError, STAFF_ROLES, type StaffPrincipal, type StaffRole } from '@inbox/contracts';
import { SecondFactorService } from './second-factor.service';
import { SessionStore } from './session-store';
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

class SessionLoginDto extends LoginDto {
  @ApiPropertyOptional({ description: 'The 6-digit code from the authenticator app, or a recovery code, when the account has two-factor sign-in' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  code?: string;
}

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly tokens: TokenService,
    private readonly audit: StaffAudit,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** What the login page offers: password sign-in, and the single sign-on button's label. */
  @Public()
  @Get('options')
  options() {
    const { passwordLogin, oidc } = this.config.auth;
    return { passwordLogin, sso: oidc ? { displayName: oidc.displayName, startUrl: '/api/auth/oidc' } : null };
  }

  /**
   * For API clients: `{accessToken, expiresAt, user}`; limited per client address and per account (429 with
   * Retry-After). An account with two-factor sign-in also sends `code` (401 `second_factor_required` without it).
   */
  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: SessionLoginDto, @ClientIp() clientAddress: string, @Headers('user-agent') userAgent?: string) {
    const { accessToken, expiresAt, user, recoveryCodes } = await this.tokens.login(body, { clientAddress, userAgent }, 'bearer');
    return { accessToken, expiresAt, user, ...(recoveryCodes ? { recoveryCodes } : {}) };
  }

  /**
   * For the web workspace: the same checks as login, but the session goes into an HttpOnly, SameSite=Strict
   * cookie (Secure outside loopback) and the answer carries only the user and the CSRF token for X-CSRF-Token.
   */
  @Public()
  @Post('session')
  @HttpCode(200)
  async session(
    @Body() body: SessionLoginDto,
    @ClientIp() clientAddress: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers('user-agent') userAgent?: string,
  ) {
    const issued = await this.tokens.login(body, { clientAddress, userAgent }, 'cookie');
    const csrfToken = csrfTokenFor(issued.sessionId, this.config.auth.jwtSecret ?? '');
    setSessionCookies(res, { token: issued.accessToken, csrf: csrfToken, expiresAt: new Date(issued.expiresAt), secure: cookieIsSecure(req) });
    return { user: issued.user, expiresAt: issued.expiresAt, csrfToken, ...(issued.recoveryCodes ? { recoveryCodes: issued.recoveryCodes } : {}) };
  }

  /** When REQUIRE_2FA asks for a second factor the account lacks: the password proves who sets it up. Returns the QR code. */
  @Public()
  @Post('sign-in/second-factor')
  @HttpCode(200)
  startEnrolment(@Body() body: LoginDto, @ClientIp() clientAddress: string, @Headers('user-agent') userAgent?: string) {
    return this.tokens.startEnrolmentWithPassword(body, { clientAddress, userAgent });
  }

  /** Ends this session: the token stops working and its sockets close, on every process; the cookie goes. */
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentStaff() staff: StaffPrincipal, @CurrentSessionId() sessionId: string, @ClientIp() clientAddress: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    await this.tokens.logout(sessionId);
    clearSessionCookies(res, cookieIsSecure(req));
    await this.audit.record({ actorUserId: staff.userId, subjectUserId: staff.userId, action: 'sign_out', clientAddress });
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentStaff() staff: StaffPrincipal) {
    return staff;
  }
}

class InviteUserDto {
  @ApiProperty() @IsEmail() email!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(120) name!: string;
  @ApiProperty({ enum: STAFF_ROLES }) @IsIn(STAFF_ROLES) role!: StaffRole;
  @ApiProperty({ required: false, type: [String] })
  @IsOptional()
  @IsUUID('all', { each: true })
  teamIds?: string[];
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionStore,
    private readonly secondFactor: SecondFactorService,
    private readonly audit: StaffAudit,
  ) {}

  @Roles('admin')
  @Post()
  async create(@CurrentStaff() staff: StaffPrincipal, @Body() body: CreateUserDto, @ClientIp() clientAddress: string) {
    const user = await this.users.create(body);
    await this.audit.record({ actorUserId: staff.userId, subjectUserId: user.id, action: 'user_created', detail: { role: user.role, teamIds: user.teamIds }, clientAddress });
    return user;
  }

  /** An account without a password: the person signs in with single sign-on (matched by email), or an admin sets a password later. */
  @Roles('admin')
  @Post('invitations')
  async invite(@CurrentStaff() staff: StaffPrincipal, @Body() body: InviteUserDto, @ClientIp() clientAddress: string) {
    const user = await this.users.create(body);
    await this.audit.record({ actorUserId: staff.userId, subjectUserId: user.id, action: 'user_invited', detail: { role: user.role, teamIds: user.teamIds }, clientAddress });
    return user;
  }

  @Roles('supervisor', 'admin')
  @Get()
  async list() {
    return { items: await this.users.list() };
  }

  /** Name, role, teams; a change of role or teams ends the user's sessions. */
  @Roles('admin')
  @Patch(':id')
  async update(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: UpdateUserDto, @ClientIp() clientAddress: string) {
    const user = await this.users.update(id, body);
    await this.audit.record({ actorUserId: staff.userId, subjectUserId: id, action: 'user_updated', detail: { ...body }, clientAddress });
    return user;
  }

  /** The user can no longer sign in; their sessions and tokens end and their sockets close within moments. */
  @Roles('admin')
  @Post(':id/disable')
  @HttpCode(200)
  async disable(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @ClientIp() clientAddress: string) {
    const user = await this.users.setActive(staff.userId, id, false);
    await this.audit.record({ actorUserId: staff.userId, subjectUserId: id, action: 'user_disabled', clientAddress });
    return user;
  }

  @Roles('admin')
  @Post(':id/enable')
  @HttpCode(200)
  async enable(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @ClientIp() clientAddress: string) {
    const user = await this.users.setActive(staff.userId, id, true);
    await this.audit.record({ actorUserId: staff.userId, subjectUserId: id, action: 'user_enabled', clientAddress });
    return user;
  }

  /** Sets a new password for the user; every session of theirs ends. */
  @Roles('admin')
  @Put(':id/password')
  @HttpCode(204)
  async resetPassword(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Body() body: PasswordDto, @ClientIp() clientAddress: string) {
    await this.users.resetPassword(id, body.password);
    await this.audit.record({ actorUserId: staff.userId, subjectUserId: id, action: 'password_reset', clientAddress });
  }

  /** Removes the user's second factor and recovery codes (lost phone); they set it up again at their next sign-in. */
  @Roles('admin')
  @Post(':id/second-factor/reset')
  @HttpCode(200)
  async resetSecondFactor(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @ClientIp() clientAddress: string) {
    const user = await this.users.get(id);
    await this.secondFactor.reset(user.id);
    await this.audit.record({ actorUserId: staff.userId, subjectUserId: id, action: 'second_factor_reset', clientAddress });
    return this.users.get(id);
  }

  /** The user's live sessions. */
  @Roles('admin')
  @Get(':id/sessions')
  async listSessions(@Param('id') id: string) {
    const user = await this.users.get(id);
    return { items: await this.sessions.listLive(user.id) };
  }

  /** Ends one of the user's sessions; its sockets close at once. */
  @Roles('admin')
  @Delete(':id/sessions/:sessionId')
  @HttpCode(204)
  async revokeSession(@CurrentStaff() staff: StaffPrincipal, @Param('id') id: string, @Param('sessionId') sessionId: string, @ClientIp() clientAddress: string) {
    const user = await this.users.get(id);
    if (!(await this.sessions.revokeOwned(user.id, sessionId, 'revoked'))) throw new NotFoundError('session_not_found', 'No such live session of this user');
    await this.audit.record({ actorUserId: staff.userId, subjectUserId: id, action: 'session_revoked', detail: { sessionId }, clientAddress });
  }
}

/** The staff audit trail: sign-ins, failures and every change to an account, newest first. */
@ApiTags('users')
@ApiBearerAuth()
@Controller('api/staff-audit')
export class StaffAuditController {
  constructor(private readonly audit: StaffAudit) {}

  @Roles('admin')
  @Get()
  async list(@Query('userId') userId?: string, @Query('before') before?: string, @Query('limit') limit?: string) {
    return { items: await this.audit.list({ userId, before, limit: limit ? Number(limit) || undefined : undefined }) };
  }
}
