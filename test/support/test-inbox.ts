import type { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import { io } from 'socket.io-client';
import { BUS, type Bus } from '@inbox/bus';
import { unpackCaseEvents, type CaseEvent } from '@inbox/contracts';
import { startApp, type JsonLogger, type ProcessDefinition, type RunningApp } from '@inbox/platform';
import { serveWebUi } from '@inbox/gateway';
import { InboxModule } from '../../apps/inbox/src/inbox.module';
import { ADMIN, testConfig } from './test-config';
import { createTestDatabase, type TestDatabase } from './test-database';

export { ADMIN, TEST_CODE_HASH_SECRET, TEST_JWT_SECRET } from './test-config';
export { inboundMessage } from './builders/messages';

export interface TestInbox extends RunningApp {
  bus: Bus;
  db: TestDatabase;
  login(email?: string, password?: string): Promise<string>;
  api<T = unknown>(path: string, init?: { method?: string; token?: string; body?: unknown }): Promise<{ status: number; body: T }>;
  agentSocket(token: string): Promise<Awaited<ReturnType<typeof connectAgent>>>;
}

/** Starts a real inbox (or one role of it) on a fresh copy of the migrated test database. */
export async function startTestInbox(
  options: { env?: Record<string, string>; db?: TestDatabase; definition?: ProcessDefinition; logger?: JsonLogger } = {},
): Promise<TestInbox> {
  const db = options.db ?? (await createTestDatabase());
  const config = testConfig(db.url, options.env);
  // Like apps/inbox/src/main.ts: the web workspace at / (from WEB_UI_DIR, or apps/web/dist when built).
  const definition = options.definition ?? { role: 'inbox', title: 'Test inbox', module: (c) => InboxModule.forRoot(c), beforeListen: serveWebUi };
  const running = await startApp(definition, config, options.logger);
  return decorate(running, db, running.app);
}

/** A started inbox with what nearly every integration test takes next: the admin's token and a SQL connection to its database. */
export interface InboxSession {
  inbox: TestInbox;
  /** The admin's access token. */
  token: string;
  sql: Client;
}

/** `signIn: false`: no admin sign-in (for tests that count sessions or sign-ins, or have no password sign-in). */
export async function startInboxSession(options?: Parameters<typeof startTestInbox>[0], how?: { signIn?: true }): Promise<InboxSession>;
export async function startInboxSession(options: Parameters<typeof startTestInbox>[0], how: { signIn: false }): Promise<Omit<InboxSession, 'token'>>;
export async function startInboxSession(options: Parameters<typeof startTestInbox>[0] = {}, how: { signIn?: boolean } = {}): Promise<Omit<InboxSession, 'token'> & { token?: string }> {
  const inbox = await startTestInbox(options);
  const sql = new Client(inbox.db.url);
  try {
    const token = how.signIn === false ? undefined : await inbox.login();
    await sql.connect();
    return { inbox, sql, ...(token === undefined ? {} : { token }) };
  } catch (error) {
    await stopInboxSession({ inbox });
    throw error;
  }
}

/** Ends what startInboxSession started, whatever part of it started (for afterAll after a failed beforeAll). */
export async function stopInboxSession(session: { inbox?: TestInbox; sql?: Client }): Promise<void> {
  await session.sql?.end();
  await session.inbox?.close();
  await session.inbox?.db.drop();
}

function decorate(running: RunningApp, db: TestDatabase, app: INestApplication): TestInbox {
  const api: TestInbox['api'] = async (path, init = {}) => {
    const res = await fetch(`${running.url}${path}`, {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as never };
  };
  return {
    ...running,
    bus: app.get<Bus>(BUS),
    db,
    api,
    async login(email = ADMIN.email, password = ADMIN.password) {
      const res = await api<{ accessToken: string }>('/api/auth/login', { body: { email, password } });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.accessToken;
    },
    agentSocket: (token) => connectAgent(running.url, token),
  };
}

export async function connectAgent(url: string, token: string) {
  const socket = io(`${url}/agents`, { auth: { token }, transports: ['websocket'], reconnection: false });
  const events: CaseEvent[] = [];
  const waiters: Array<{ predicate: (e: CaseEvent) => boolean; resolve: (e: CaseEvent) => void }> = [];
  const kept = new Set(['case.created', 'case.updated', 'message.created', 'message.updated']);
  socket.on('case.events', (frame: unknown) => {
    for (const event of unpackCaseEvents(frame).filter((e) => kept.has(e.type))) {
      events.push(event);
      for (const w of [...waiters]) {
        if (w.predicate(event)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(event);
        }
      }
    }
  });
  const snapshot = await new Promise<unknown>((resolve, reject) => {
    socket.once('queue.snapshot', resolve);
    socket.once('connect_error', reject);
  });
  return {
    socket,
    events,
    snapshot,
    /** Opens a case as the workspace does: its per-message events (delivery statuses, edits) reach only its viewers. */
    async view(caseId: string): Promise<void> {
      const answer = (await socket.timeout(10_000).emitWithAck('case.view', { caseId })) as { error?: string };
      if (answer?.error) throw new Error(`case.view refused: ${answer.error}`);
    },
    waitFor(predicate: (e: CaseEvent) => boolean, ms = 10_000): Promise<CaseEvent> {
      const seen = events.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise<CaseEvent>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('timed out waiting for a case event')), ms);
        waiters.push({ predicate, resolve: (e) => (clearTimeout(timer), resolve(e)) });
      });
    },
  };
}
