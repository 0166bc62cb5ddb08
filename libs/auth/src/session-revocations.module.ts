import { Module } from '@nestjs/common';
import { SessionRevocations } from './session-revocations';

/** Revoked sessions heard from every process, for services outside AuthModule that end sessions (teams). */
@Module({ providers: [SessionRevocations], exports: [SessionRevocations] })
export class SessionRevocationsModule {}
