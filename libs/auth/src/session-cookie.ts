import { createHmac, timingSafeEqual } from 'node:crypto';
import { parse, serialize } from 'cookie';

/** The web workspace's session: its access token in an HttpOnly cookie JavaScript cannot read. */
export const SESSION_COOKIE = 'inbox_session';
/** The CSRF token (readable on purpose): the workspace echoes it in CSRF_HEADER on every change. */
export const CSRF_COOKIE = 'inbox_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/** The sign-in in flight at the identity provider (state, nonce, PKCE verifier), sealed in a JWT. */
export const OIDC_COOKIE = 'inbox_oidc';

interface CookieResponse {
  append(name: string, value: string): unknown;
}

/** Secure everywhere except plain http on loopback, where browsers would drop a Secure cookie. */
export function cookieIsSecure(request: { protocol?: string; hostname?: string }): boolean {
  return request.protocol === 'https' || !isLoopback(request.hostname ?? '');
}

export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '::1' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  return parse(header)[name];
}

/**
 * The CSRF token of a session: a keyed hash of its id (a synchronizer token
 * that needs no storage). A page on another site can neither read it nor
 * compute it, so it cannot forge a change even if a browser sent the cookie.
 */
export function csrfTokenFor(sessionId: string, serverSecret: string): string {
  return createHmac('sha256', serverSecret).update(`csrf\0${sessionId}`).digest('base64url');
}

export function csrfTokenMatches(sent: string | undefined, sessionId: string, serverSecret: string): boolean {
  if (!sent) return false;
  const expected = Buffer.from(csrfTokenFor(sessionId, serverSecret));
  const given = Buffer.from(sent);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function setSessionCookies(res: CookieResponse, values: { token: string; csrf: string; expiresAt: Date; secure: boolean }): void {
  const common = { path: '/', sameSite: 'strict' as const, secure: values.secure, expires: values.expiresAt };
  res.append('Set-Cookie', serialize(SESSION_COOKIE, values.token, { ...common, httpOnly: true }));
  res.append('Set-Cookie', serialize(CSRF_COOKIE, values.csrf, { ...common, httpOnly: false }));
}

export function clearSessionCookies(res: CookieResponse, secure: boolean): void {
  for (const name of [SESSION_COOKIE, CSRF_COOKIE]) {
    res.append('Set-Cookie', serialize(name, '', { path: '/', sameSite: 'strict', secure, httpOnly: name === SESSION_COOKIE, expires: new Date(0) }));
  }
}

/** Lax, not Strict: the provider sends the browser back from another site, and the cookie must come along. */
export function setOidcCookie(res: CookieResponse, value: string, secure: boolean): void {
  res.append('Set-Cookie', serialize(OIDC_COOKIE, value, { path: '/api/auth/oidc', sameSite: 'lax', secure, httpOnly: true, maxAge: 600 }));
}

export function clearOidcCookie(res: CookieResponse, secure: boolean): void {
  res.append('Set-Cookie', serialize(OIDC_COOKIE, '', { path: '/api/auth/oidc', sameSite: 'lax', secure, httpOnly: true, expires: new Date(0) }));
}
