import type { LoggerService } from '@nestjs/common';
import { LeaderLock } from '../database/leader-lock';

export interface PeriodicJobOptions {
  /** What the job does, for the logs ("deadline sweep"). */
  name: string;
  intervalMs: number;
  logger: LoggerService;
  /** When set, only the process holding this PostgreSQL advisory lock runs the job; the others stand by. */
  leader?: { databaseUrl: string; lockId: number; applicationName: string; instanceId: string };
}

/**
 * A job run every `intervalMs` in the background: rounds never overlap, a
 * failed round is logged and retried at the next, and shutdown waits for the
 * round in flight. With `leader`, one process leads (a LeaderLock on a
 * connection of its own) and another takes over when its connection dies.
 */
export class PeriodicJob {
  private readonly lock: LeaderLock | null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly options: PeriodicJobOptions,
    private readonly work: () => Promise<unknown>,
  ) {
    const leader = options.leader;
    this.lock = leader ? new LeaderLock(leader.databaseUrl, leader.lockId, leader.applicationName) : null;
  }

  /** Runs a round now, then every interval; the timer never keeps the process alive. */
  start(): void {
    this.timer = setInterval(() => void this.runOnce(), this.options.intervalMs);
    this.timer.unref();
    void this.runOnce();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    await this.lock?.release();
  }

  /** True while this process may run the job (always, for a job without a leader). */
  get isLeader(): boolean {
    return this.lock ? this.lock.held : true;
  }

  /** One round (of `work`, or of another piece of work under the same rules, e.g. with a given time). */
  runOnce(work: () => Promise<unknown> = this.work): Promise<void> {
    if (this.running || this.stopped) return this.running ?? Promise.resolve();
    this.running = (async () => {
      try {
        if (await this.holdLeadership()) await work();
      } catch (error) {
        this.options.logger.warn({ msg: `${this.options.name} failed; will retry`, err: error });
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async holdLeadership(): Promise<boolean> {
    if (!this.lock) return true;
    const wasLeader = this.lock.held;
    const leads = await this.lock.hold();
    if (wasLeader && !leads) this.options.logger.warn({ msg: `lost the ${this.options.name} lock connection; standing by` });
    if (!wasLeader && leads) this.options.logger.log({ msg: `this process now leads the ${this.options.name}`, instance: this.options.leader?.instanceId });
    return leads;
  }
}
