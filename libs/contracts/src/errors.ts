/**
 * Domain errors carry a stable code and whether retrying can help. The edges
 * (HTTP filter, bus consumers, socket handlers) map them to their transport.
 */
export type ErrorKind =
  | 'invalid_input'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** Unavailable dependencies heal; bad input and conflicts never will. */
  get retryable(): boolean {
    return this.kind === 'unavailable' || this.kind === 'internal';
  }
}

export class InvalidInputError extends DomainError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super('invalid_input', code, message, details);
  }
}

export class NotFoundError extends DomainError {
  constructor(code: string, message: string) {
    super('not_found', code, message);
  }
}

export class ConflictError extends DomainError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super('conflict', code, message, details);
  }
}

export class ForbiddenError extends DomainError {
  constructor(code: string, message: string) {
    super('forbidden', code, message);
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(code: string, message: string) {
    super('unauthenticated', code, message);
  }
}

export class UnavailableError extends DomainError {
  constructor(code: string, message: string) {
    super('unavailable', code, message);
  }
}

/** Too many attempts from one address or on one account: wait `retryAfterSeconds` (sent as Retry-After). */
export class RateLimitedError extends DomainError {
  constructor(code: string, message: string, retryAfterSeconds: number) {
    super('rate_limited', code, message, { retryAfterSeconds });
  }

  get retryAfterSeconds(): number {
    return Number(this.details?.retryAfterSeconds ?? 1);
  }
}

/** True when an error says retrying cannot help (poison message, bad input). */
export function isPermanentError(error: unknown): boolean {
  return error instanceof DomainError && !error.retryable;
}
