import { AsyncLocalStorage } from 'node:async_hooks';
import type { LoggerService } from '@nestjs/common';
import { scrubSecrets } from './secret-scrubber';

type Level = 'error' | 'warn' | 'info' | 'debug';
const RANK: Record<Level, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/** Carries the correlation id of the request or record being handled into every log line. */
export const logContext = new AsyncLocalStorage<{ correlationId: string }>();

/**
 * Field names whose values are personal data or secrets. Log calls should not
 * pass them at all; this is the safety net (docs/architecture.md rule 8).
 */
const REDACTED_KEYS = /^(text|body|password|passwordHash|token|accessToken|authorization|email|phone|address|sender|recipient|from|to|raw|subject|name|displayName)$/i;

export function redact(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > 4) return '[depth]';
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: value.message };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = REDACTED_KEYS.test(k) ? '[redacted]' : redact(v, depth + 1);
  return out;
}

/** Every string in a log entry, scrubbed of secrets (see scrubSecrets); other values as they are. */
function scrubStrings(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (value === null || typeof value !== 'object' || depth > 6) return value;
  if (Array.isArray(value)) return value.map((v) => scrubStrings(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubStrings(v, depth + 1)]));
}

const STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'WebSocketsController', 'NestFactory']);

/** One JSON object per line on stdout/stderr: easy to ship, grep and parse. */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly level: Level = 'info',
    private readonly base: Record<string, unknown> = {},
    private readonly write: (line: string, isError: boolean) => void = (line, isError) =>
      (isError ? process.stderr : process.stdout).write(line + '\n'),
  ) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.emit('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.emit('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.emit('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.emit('debug', message, rest);
  }

  private emit(requested: Level, message: unknown, rest: unknown[]): void {
    // Nest passes the context as the last string argument, and a stack before it for errors.
    const args = [...rest];
    const context = typeof args[args.length - 1] === 'string' ? (args.pop() as string) : undefined;
    // Nest's start-up chatter (every module and route) is detail, not news.
    const level = requested === 'info' && context && STARTUP_CONTEXTS.has(context) ? 'debug' : requested;
    if (RANK[level] > RANK[this.level]) return;
    const entry: Record<string, unknown> = { time: new Date().toISOString(), level, ...this.base };
    if (context) entry.context = context;
    const correlationId = logContext.getStore()?.correlationId;
    if (correlationId) entry.correlationId = correlationId;
    if (message instanceof Error) {
      entry.msg = message.message;
      entry.err = { name: message.name, stack: message.stack };
    } else if (typeof message === 'object' && message !== null) {
      Object.assign(entry, redact(message));
    } else {
      entry.msg = String(message);
    }
    for (const extra of args) {
      if (typeof extra === 'string') entry.stack = extra;
      else if (extra && typeof extra === 'object') Object.assign(entry, redact(extra));
    }
    // Error texts name the URL or connection that failed, with its token or password in it.
    this.write(JSON.stringify(scrubStrings(entry)), level === 'error');
  }
}
