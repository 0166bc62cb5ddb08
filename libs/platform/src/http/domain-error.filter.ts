import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import { DomainError, RateLimitedError, type ErrorKind } from '@inbox/contracts';
import { scrubSecrets } from '../logging/secret-scrubber';

const STATUS: Record<ErrorKind, number> = {
  invalid_input: HttpStatus.BAD_REQUEST,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  forbidden: HttpStatus.FORBIDDEN,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  rate_limited: HttpStatus.TOO_MANY_REQUESTS,
  unavailable: HttpStatus.SERVICE_UNAVAILABLE,
  internal: HttpStatus.INTERNAL_SERVER_ERROR,
};

/**
 * Maps errors to HTTP at the edge (docs/architecture.md rule 11): domain errors keep their code
 * and message; anything unexpected becomes a 500 with an error id to quote,
 * and its details stay in the log.
 */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrors');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    if (error instanceof DomainError) {
      if (error instanceof RateLimitedError) res.setHeader('Retry-After', String(error.retryAfterSeconds));
      res.status(STATUS[error.kind]).json({ error: error.code, message: scrubSecrets(error.message), ...(error.details ? { details: error.details } : {}) });
      return;
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse();
      const message =
        typeof body === 'object' && body !== null && 'message' in body ? (body as { message: unknown }).message : error.message;
      res.status(status).json({ error: httpCode(status), message: scrubSecrets(Array.isArray(message) ? message.join('; ') : String(message)) });
      return;
    }
    const clientError = asClientHttpError(error);
    if (clientError) {
      // body-parser and other middleware throw http-errors (413 too large, 415, 400 bad JSON) before any controller.
      res.status(clientError.status).json({ error: httpCode(clientError.status), message: scrubSecrets(clientError.message) });
      return;
    }
    const errorId = randomUUID();
    this.logger.error({ msg: 'unhandled error', errorId, err: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) });
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ error: 'internal', message: 'Something went wrong on our side', errorId });
  }
}

function asClientHttpError(error: unknown): { status: number; message: string } | undefined {
  if (!(error instanceof Error)) return undefined;
  const { status, expose } = error as Error & { status?: unknown; expose?: unknown };
  if (typeof status !== 'number' || status < 400 || status >= 500 || expose !== true) return undefined;
  return { status, message: status === 413 ? 'The request body is larger than this endpoint accepts' : error.message };
}

function httpCode(status: number): string {
  if (status === 400) return 'invalid_input';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  if (status === 429) return 'too_many_requests';
  return status >= 500 ? 'unavailable' : 'invalid_input';
}
