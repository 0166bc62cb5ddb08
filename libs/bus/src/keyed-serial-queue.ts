/**
 * Runs tasks one after another per key, and tasks of different keys
 * concurrently: the in-process equivalent of a Kafka partition key.
 */
export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(task, task);
    const tail = current.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return current;
  }

  async drain(): Promise<void> {
    await Promise.all([...this.tails.values()]);
  }
}
