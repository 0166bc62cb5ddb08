import { isPermanentError } from '@inbox/contracts';

export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 5, initialDelayMs: 100, maxDelayMs: 5_000 };

export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** (attempt - 1));
}

export type AttemptOutcome = { kind: 'done' } | { kind: 'dead-letter'; error: unknown; attempts: number };

/**
 * Runs a handler with retries. Permanent errors go to the dead letter at once;
 * transient ones are retried with exponential backoff until the budget is
 * spent. `shouldStop` lets a closing consumer abandon the record uncommitted,
 * so it is redelivered rather than dead-lettered.
 */
export async function runWithRetries(
  policy: RetryPolicy,
  attemptOnce: (attempt: number) => Promise<void>,
  shouldStop: () => boolean = () => false,
): Promise<AttemptOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      await attemptOnce(attempt);
      return { kind: 'done' };
    } catch (error) {
      if (isPermanentError(error) || attempt >= policy.maxAttempts) {
        return { kind: 'dead-letter', error, attempts: attempt };
      }
      if (shouldStop()) throw error;
      await sleep(backoffDelay(policy, attempt));
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
