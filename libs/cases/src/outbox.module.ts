import { Module } from '@nestjs/common';
import { OutboxRelay } from './outbox-relay';
import { UnitOfWork } from './unit-of-work';

/** The outbox relay and the unit of work that wakes it: one per process, shared by the case store and the channels' ports. */
@Module({ providers: [OutboxRelay, UnitOfWork], exports: [OutboxRelay, UnitOfWork] })
export class OutboxModule {}
