import { createHmac, randomUUID } from 'node:crypto';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { io } from 'socket.io-client';
import type { StaffRole } from '@inbox/contracts';
import { IS_PUBLIC, REQUIRED_ROLES } from '@inbox/platform';
import { startTestInbox, TEST_JWT_SECRET, type TestInbox } from '../support/test-inbox';

interface Route {
  method: string;
  path: string;
  isPublic: boolean;
  roles: StaffRole[] | undefined;
}

type Credential = 'none' | 'expired' | 'tampered' | 'wrong-key' | StaffRole;

/**
 * The authorisation matrix, over EVERY route the running app has (read from
 * its own controllers, so a route added later is covered without editing
 * this test): no token, an expired one, a tampered one and one signed with
 * another key are refused with 401 everywhere except public routes; each
 * role gets 403 exactly where the route's @Roles() leaves it out, and is let
 * through (whatever the route then says about the input) everywhere else.
 */
describe('authorisation matrix', () => {
  let inbox: TestInbox;
  let routes: Route[];
  const tokens: Partial<Record<Credential, string>> = {};

  beforeAll(async () => {
    inbox = await startTestInbox();
    routes = discoverRoutes(inbox);
    tokens.admin = await inbox.login();
    for (const role of ['agent', 'supervisor'] as const) {
      const email = `${role}@matrix.test`;
      const created = await inbox.api('/api/users', { token: tokens.admin, body: { email, password: 'matrix-password', name: role, role } });
      expect(created.status).toBe(201);
      tokens[role] = await inbox.login(email, 'matrix-password');
    }
    const adminSub = decodePayload(tokens.admin!).sub as string;
    tokens.expired = signJwt({ sub: adminSub, iat: nowSeconds() - 7200, exp: nowSeconds() - 3600 }, TEST_JWT_SECRET);
    tokens['wrong-key'] = signJwt({ sub: adminSub, iat: nowSeconds(), exp: nowSeconds() + 3600 }, 'another-secret-that-is-long-enough-0123456789abcdef');
    tokens.tampered = tamper(tokens.agent!, { sub: adminSub });
  });

  afterAll(async () => {
    await inbox?.close();
  });

  it('finds the routes it checks', () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.some((r) => r.path === '/api/users' && r.method === 'POST')).toBe(true);
  });

  it('refuses every non-public route without a valid token, with 401', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => !r.isPublic)) {
      for (const credential of ['none', 'expired', 'tampered', 'wrong-key'] as const) {
        const status = await call(route, tokens[credential]);
        if (status !== 401) failures.push(`${route.method} ${route.path} with ${credential} token → ${status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets each role through exactly where its @Roles() allows', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => !r.isPublic)) {
      for (const role of ['agent', 'supervisor', 'admin'] as const) {
        const status = await call(route, tokens[role]);
        const allowed = !route.roles || route.roles.includes(role);
        if (allowed && (status === 401 || status === 403)) {
          // A 403 can also be a domain refusal (e.g. an agent and a case outside their teams); those say so.
          failures.push(`${route.method} ${route.path} as ${role} → ${status} (should be allowed)`);
        }
        if (!allowed && status !== 403) failures.push(`${route.method} ${route.path} as ${role} → ${status} (should be 403)`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses a socket on /agents without a valid token', async () => {
    for (const token of [undefined, tokens.expired, tokens.tampered, tokens['wrong-key']]) {
      const socket = io(`${inbox.url}/agents`, { auth: token ? { token } : {}, transports: ['websocket'], reconnection: false });
      const outcome = await new Promise<string>((resolve) => {
        socket.once('queue.snapshot', () => resolve('snapshot'));
        socket.once('connect_error', () => resolve('refused'));
        socket.once('disconnect', () => resolve('refused'));
        setTimeout(() => resolve('timeout'), 5_000);
      });
      socket.disconnect();
      expect(outcome).toBe('refused');
    }
  });

  async function call(route: Route, token: string | undefined): Promise<number> {
    const path = route.path.replace(/:[A-Za-z]+/g, () => randomUUID());
    const res = await fetch(`${inbox.url}${path}`, {
      method: route.method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(route.method === 'GET' ? {} : { 'content-type': 'application/json' }) },
      body: route.method === 'GET' || route.method === 'DELETE' ? undefined : '{}',
    });
    await res.arrayBuffer();
    return res.status;
  }
});

/** Every HTTP route of the app, with its @Public() and @Roles() as the guard reads them. */
function discoverRoutes(inbox: TestInbox): Route[] {
  const routes: Route[] = [];
  for (const module of inbox.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const type = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      if (!type?.prototype) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, type) ?? '');
      for (const name of Object.getOwnPropertyNames(type.prototype)) {
        const handler = (type.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const methodCode = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (methodCode === undefined) continue;
        const sub = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        for (const part of Array.isArray(sub) ? sub : [sub ?? '']) {
          const path = `/${[base, part].map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;
          const method = RequestMethod[methodCode];
          if (method === 'ALL' || method === 'OPTIONS' || method === 'HEAD' || path.includes('*')) continue;
          routes.push({
            method,
            path,
            isPublic: Boolean(Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, type)),
            roles: (Reflect.getMetadata(REQUIRED_ROLES, handler) ?? Reflect.getMetadata(REQUIRED_ROLES, type)) as StaffRole[] | undefined,
          });
        }
      }
    }
  }
  return routes;
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

function signJwt(payload: Record<string, unknown>, secret: string): string {
  const head = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(payload))}`;
  return `${head}.${createHmac('sha256', secret).update(head).digest('base64url')}`;
}

function decodePayload(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
}

/** Same signature, changed claims: what an attacker who edits a token gets. */
function tamper(token: string, claims: Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  return `${header}.${base64url(JSON.stringify({ ...decodePayload(token), ...claims }))}.${signature}`;
}
