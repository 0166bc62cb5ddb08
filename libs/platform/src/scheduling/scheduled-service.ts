import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import type { PeriodicJob, PeriodicJobOptions } from './periodic-job';

/**
 * The leader settings of a job one process runs at a time: the advisory lock `lockId`, on a connection
 * named `inbox-<instance>-<role>` so pg_stat_activity shows which process leads what.
 */
export function jobLeader(config: AppConfig, lockId: number, role: string): NonNullable<PeriodicJobOptions['leader']> {
  return { databaseUrl: config.databaseUrl ?? '', lockId, applicationName: `inbox-${config.instanceId}-${role}`, instanceId: config.instanceId };
}

/**
 * A service that runs one PeriodicJob with the application: started once the application is up, stopped at
 * shutdown (waiting for the round in flight and letting go of the leader lock).
 */
export abstract class ScheduledService implements OnApplicationBootstrap, OnApplicationShutdown {
  /** Made in the subclass's constructor: its work is the subclass's own. */
  protected abstract readonly job: PeriodicJob;

  onApplicationBootstrap(): void {
    this.job.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** True while this process may run the job (always, for a job without a leader). */
  get isLeader(): boolean {
    return this.job.isLeader;
  }
}
