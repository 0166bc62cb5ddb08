import { DomainError, InvalidInputError, UnavailableError } from '@inbox/contracts';

export const DEFAULT_GRAPH_API_BASE = 'https://graph.facebook.com/v21.0';

export interface GraphApiClientOptions {
  /** e.g. https://graph.facebook.com/v21.0 (the version is part of the base). */
  apiBase?: string;
  timeoutMs?: number;
}

/** Graph API error codes that say "later": throttling and Meta's own temporary trouble. */
const TRANSIENT_CODES = new Set([1, 2, 4, 17, 32, 341, 613, 80007, 130429, 131000, 131016, 131048, 131056, 133004]);

/**
 * Plain HTTP to the Graph API (fetch, no SDK): one POST per call, the token
 * as a Bearer header so it never lands in a URL or a log line. Meta's error
 * JSON becomes a DomainError that says whether retrying can help.
 */
export class GraphApiClient {
  private readonly base: string;
  private readonly timeoutMs: number;

  constructor(options: GraphApiClientOptions = {}) {
    this.base = (options.apiBase ?? DEFAULT_GRAPH_API_BASE).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  async post<T extends object>(path: string, body: object, accessToken: string | undefined, action: string): Promise<T> {
    if (!accessToken) throw new InvalidInputError('meta_missing_token', `Cannot ${action}: no Graph API access token is configured`);
    let res: Response;
    try {
      res = await fetch(`${this.base}/${path.replace(/^\/+/, '')}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const reason = error instanceof Error ? ((error.cause as { code?: string } | undefined)?.code ?? error.name) : 'network error';
      throw new UnavailableError('meta_unreachable', `The Graph API could not be reached to ${action}: ${reason}`);
    }
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = undefined;
    }
    if (res.ok && typeof json === 'object' && json !== null) return json as T;
    throw graphError(res.status, json, action);
  }
}

/** Meta's `{ error: { message, type, code, error_subcode, error_data } }` → a DomainError. */
export function graphError(status: number, json: unknown, action: string): DomainError {
  const error = typeof json === 'object' && json !== null && 'error' in json ? (json as { error: Record<string, unknown> }).error : undefined;
  const code = typeof error?.code === 'number' ? error.code : undefined;
  const subcode = typeof error?.error_subcode === 'number' ? error.error_subcode : undefined;
  const data = error?.error_data;
  const details = typeof data === 'object' && data !== null && typeof (data as { details?: unknown }).details === 'string' ? (data as { details: string }).details : undefined;
  const said = details ?? (typeof error?.message === 'string' ? error.message : '');
  const text = `Meta could not ${action} (HTTP ${status}${code !== undefined ? `, error ${code}${subcode !== undefined ? `/${subcode}` : ''}` : ''})${said ? `: ${said}` : ''}`;
  const domainCode = code !== undefined ? `meta_${code}` : `meta_http_${status}`;
  if (status >= 500 || status === 429 || (code !== undefined && TRANSIENT_CODES.has(code)) || error?.is_transient === true) {
    return new UnavailableError(domainCode, text);
  }
  return new InvalidInputError(domainCode, text, { status, ...(code !== undefined ? { metaCode: code } : {}), ...(subcode !== undefined ? { metaSubcode: subcode } : {}) });
}
