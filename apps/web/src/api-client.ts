/** A failed API call, as the server's error filter describes it: `{ error, message, details? }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export interface ApiClient {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  del<T>(path: string): Promise<T>;
  /** A file from the API (an attachment), fetched with the staff token. */
  download(path: string): Promise<Blob>;
  /** A multipart upload (a file attached in the composer). */
  upload<T>(path: string, form: FormData): Promise<T>;
}

/** The session's CSRF token: the one cookie JavaScript may read, echoed on every change (the session cookie itself is HttpOnly). */
export function csrfToken(): string {
  const match = /(?:^|;\s*)inbox_csrf=([^;]*)/.exec(document.cookie);
  return match ? decodeURIComponent(match[1]) : '';
}

/**
 * JSON over fetch with the session cookie (sent by the browser, never seen by
 * this code) and the CSRF token on changes. When `signedIn`, a 401 means the
 * session expired or was revoked: it ends (the caller shows the login again).
 */
export function createApiClient(signedIn: boolean, onUnauthorized: () => void = () => {}): ApiClient {
  async function send(method: string, path: string, body?: unknown, accept = 'application/json'): Promise<Response> {
    try {
      return await fetch(path, {
        method,
        credentials: 'same-origin',
        headers: {
          accept,
          ...(body === undefined || body instanceof FormData ? {} : { 'content-type': 'application/json' }),
          ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken() }),
        },
        body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network', 'The inbox cannot be reached. Check your connection and try again.');
    }
  }

  function failure(res: Response, text: string): ApiError {
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (res.status === 401 && signedIn) onUnauthorized();
    const err = (parsed ?? {}) as { error?: string; message?: string; details?: Record<string, unknown> };
    return new ApiError(res.status, err.error ?? `http_${res.status}`, err.message ?? `The request failed (${res.status})`, err.details);
  }

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await send(method, path, body);
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!res.ok) throw failure(res, text);
    return parsed as T;
  }

  async function download(path: string): Promise<Blob> {
    const res = await send('GET', path, undefined, '*/*');
    if (!res.ok) throw failure(res, await res.text());
    return res.blob();
  }
  return {
    get: (path) => call('GET', path),
    post: (path, body) => call('POST', path, body ?? {}),
    patch: (path, body) => call('PATCH', path, body ?? {}),
    put: (path, body) => call('PUT', path, body ?? {}),
    del: (path) => call('DELETE', path),
    download,
    upload: (path, form) => call('POST', path, form),
  };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : 'Something went wrong';
}
