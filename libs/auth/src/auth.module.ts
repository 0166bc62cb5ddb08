import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { APP_CONFIG, type AppConfig } from '@inbox/platform';
import { AdminBootstrap } from './admin-bootstrap';
import { AccountController } from './account.controller';
import { ApiTokensService } from './api-tokens.service';
import { AuthController, StaffAuditController, UsersController } from './auth.controller';
import { OidcController } from './oidc/oidc.controller';
import { OidcSignIn } from './oidc/oidc-sign-in.service';
import { SecondFactorService } from './second-factor.service';
import { StaffAudit } from './staff-audit';
import { StaffAuthGuard } from './staff-auth.guard';
import { SessionRevocationsModule } from './session-revocations.module';
import { SessionStore } from './session-store';
import { TokenService } from './token.service';
import { UsersService } from './users.service';

/** Staff accounts, login and the guard in front of every staff route. */
@Module({
  imports: [
    SessionRevocationsModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (!config.auth.jwtSecret) throw new Error('JWT secret not resolved before start');
        return { secret: config.auth.jwtSecret, signOptions: { expiresIn: config.auth.jwtTtlSeconds } };
      },
    }),
  ],
  controllers: [AuthController, OidcController, AccountController, UsersController, StaffAuditController],
  providers: [
    UsersService,
    TokenService,
    SessionStore,
    AdminBootstrap,
    StaffAudit,
    SecondFactorService,
    ApiTokensService,
    OidcSignIn,
    { provide: APP_GUARD, useClass: StaffAuthGuard },
  ],
  exports: [UsersService, TokenService, SessionStore, SessionRevocationsModule, StaffAudit],
})
export class AuthModule {}
