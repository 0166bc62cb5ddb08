/**
 * Something the person starting the inbox must fix, said in one sentence that
 * names what to do. The process runner prints the message alone — no stack —
 * and exits with status 1.
 */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}
