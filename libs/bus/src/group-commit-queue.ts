interface Waiting<V> {
  key: string;
  value: V;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for the in-process bus. Records published while a batch is
 * being handled wait and leave together in the next one, so under load a
 * transaction carries many records and at rest a lone record leaves at once
 * (no timer, no added latency). Up to `maxInFlight` batches run at a time;
 * a key with a record in a running batch keeps its later records waiting, so
 * one key's records are handled in the order published. Each `add` resolves
 * when the batch that carried its record has been handled.
 */
export class GroupCommitQueue<V> {
  private waiting: Array<Waiting<V>> = [];
  private readonly busyKeys = new Map<string, number>();
  private readonly running = new Set<Promise<void>>();
  private scheduled = false;

  constructor(
    private readonly handleBatch: (records: ReadonlyArray<{ key: string; value: V }>) => Promise<Array<PromiseSettledResult<void>>>,
    private readonly maxBatch: number,
    private readonly maxInFlight: number,
  ) {}

  add(key: string, value: V): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ key, value, resolve, reject });
      // Gather what arrives in the same turn of the event loop before starting a batch.
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  async drain(): Promise<void> {
    while (this.running.size > 0 || this.waiting.length > 0) {
      if (this.running.size === 0) this.pump();
      await Promise.race(this.running);
    }
  }

  private pump(): void {
    while (this.running.size < this.maxInFlight && this.waiting.length > 0) {
      const batch = this.take();
      if (batch.length === 0) return;
      const run = this.run(batch).finally(() => {
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }

  /** The next batch: in publish order, skipping (with everything after them of the same key) keys already running. */
  private take(): Array<Waiting<V>> {
    const blocked = new Set(this.busyKeys.keys());
    const batch: Array<Waiting<V>> = [];
    const rest: Array<Waiting<V>> = [];
    for (const w of this.waiting) {
      if (batch.length < this.maxBatch && !blocked.has(w.key)) batch.push(w);
      else {
        rest.push(w);
        blocked.add(w.key);
      }
    }
    this.waiting = rest;
    return batch;
  }

  private async run(batch: Array<Waiting<V>>): Promise<void> {
    for (const w of batch) this.busyKeys.set(w.key, (this.busyKeys.get(w.key) ?? 0) + 1);
    try {
      const results = await this.handleBatch(batch.map(({ key, value }) => ({ key, value })));
      batch.forEach((w, i) => {
        const r = results[i];
        if (r.status === 'fulfilled') w.resolve();
        else w.reject(r.reason);
      });
    } catch (error) {
      for (const w of batch) w.reject(error);
    } finally {
      for (const w of batch) {
        const n = (this.busyKeys.get(w.key) ?? 1) - 1;
        if (n === 0) this.busyKeys.delete(w.key);
        else this.busyKeys.set(w.key, n);
      }
    }
  }
}
