import { Module } from '@nestjs/common';
import { OutboxRelay } from './outbox-relay';

/** The outbox relay alone: one per process, shared by the case store and the channels' ports. */
@Module({ providers: [OutboxRelay], exports: [OutboxRelay] })
export class OutboxModule {}
