import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { NotFoundError, type StaffPrincipal } from '@inbox/contracts';
import { API_TOKEN_SCOPES, ApiTokensService, type ApiTokenScope } from './api-tokens.service';
import { ClientIp, CurrentSessionId, CurrentStaff } from './auth.decorators';
import { SecondFactorService } from './second-factor.service';
import { SessionStore } from './session-store';
import { StaffAudit } from './staff-audit';

class CreateApiTokenDto {
  @ApiProperty({ example: 'CRM sync' }) @IsString() @MinLength(1) @MaxLength(80) name!: string;
  @ApiProperty({ enum: API_TOKEN_SCOPES, description: 'read: GET only; act: anything but admin-only routes; admin: everything the owner may (admins only)' })
  @IsIn(API_TOKEN_SCOPES)
  scope!: ApiTokenScope;
  @ApiProperty({ example: 90, description: 'Days until it stops working (at most API_TOKEN_MAX_DAYS)' }) @IsInt() @Min(1) @Max(3650) expiresInDays!: number;
}

class SecondFactorCodeDto {
  @ApiProperty({ example: '123456' }) @IsString() @MinLength(6) @MaxLength(40) code!: string;
}

/**
 * The signed-in person's own account: their sessions (each can be ended),
 * their personal API tokens, and their second factor.
 *
 * A personal API token is sent like any bearer token:
 * `Authorization: Bearer inbox_pat_…`. It is shown once, when created.
 */
@ApiTags('account')
@ApiBearerAuth()
@Controller('api/account')
export class AccountController {
  constructor(
    private readonly sessions: SessionStore,
    private readonly apiTokens: ApiTokensService,
    private readonly secondFactor: SecondFactorService,
    private readonly audit: StaffAudit,
  ) {}

  /** My live sessions (browser and bearer), the current one marked. */
  @Get('sessions')
  async listSessions(@CurrentStaff() me: StaffPrincipal, @CurrentSessionId() current: string) {
    const items = await this.sessions.listLive(me.userId);
    return { items: items.map((s) => ({ ...s, current: s.id === current })) };
  }

  /** Ends one of my sessions; its sockets close at once. */
  @Delete('sessions/:id')
  @HttpCode(204)
  async revokeSession(@CurrentStaff() me: StaffPrincipal, @Param('id') id: string, @ClientIp() clientAddress: string) {
    if (!(await this.sessions.revokeOwned(me.userId, id, 'revoked'))) throw new NotFoundError('session_not_found', 'No such live session of yours');
    await this.audit.record({ actorUserId: me.userId, subjectUserId: me.userId, action: 'session_revoked', detail: { sessionId: id }, clientAddress });
  }

  @Get('api-tokens')
  async listTokens(@CurrentStaff() me: StaffPrincipal) {
    return { items: await this.apiTokens.list(me.userId) };
  }

  /** Creates a personal API token; the answer's `token` is the only time it is shown. */
  @Post('api-tokens')
  async createToken(@CurrentStaff() me: StaffPrincipal, @Body() body: CreateApiTokenDto, @ClientIp() clientAddress: string) {
    const created = await this.apiTokens.create(me, body);
    await this.audit.record({ actorUserId: me.userId, subjectUserId: me.userId, action: 'api_token_created', detail: { tokenId: created.id, name: created.name, scope: created.scope }, clientAddress });
    return created;
  }

  @Delete('api-tokens/:id')
  @HttpCode(204)
  async revokeToken(@CurrentStaff() me: StaffPrincipal, @Param('id') id: string, @ClientIp() clientAddress: string) {
    if (!(await this.apiTokens.revoke(me.userId, id))) throw new NotFoundError('api_token_not_found', 'No such live token of yours');
    await this.audit.record({ actorUserId: me.userId, subjectUserId: me.userId, action: 'api_token_revoked', detail: { tokenId: id }, clientAddress });
  }

  @Get('second-factor')
  secondFactorStatus(@CurrentStaff() me: StaffPrincipal) {
    return this.secondFactor.status(me.userId);
  }

  /** Starts setting up TOTP: the secret and its QR code; nothing changes until a code confirms it. */
  @Post('second-factor')
  @HttpCode(200)
  startSecondFactor(@CurrentStaff() me: StaffPrincipal) {
    return this.secondFactor.startEnrolment(me.userId, me.email);
  }

  /** Confirms with a code from the app; answers the ten recovery codes, shown this once. */
  @Post('second-factor/confirm')
  @HttpCode(200)
  async confirmSecondFactor(@CurrentStaff() me: StaffPrincipal, @Body() body: SecondFactorCodeDto, @ClientIp() clientAddress: string) {
    const recoveryCodes = await this.secondFactor.confirmEnrolment(me.userId, body.code.trim());
    await this.audit.record({ actorUserId: me.userId, subjectUserId: me.userId, action: 'second_factor_enrolled', clientAddress });
    return { recoveryCodes };
  }
}
