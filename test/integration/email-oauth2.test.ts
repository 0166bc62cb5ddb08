import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import type { Client } from 'pg';
import { startDnsStandIn, type DnsStandIn } from '../support/dns-stand-in';
import { startDovecot, type Dovecot } from '../support/dovecot';
import { openMailbox } from '../support/mail-peers';
import { startOAuthStandIn, type OAuthStandIn } from '../support/oauth-token-stand-in';
import { startSmtpReceiver } from '../support/smtp-receiver';
import { startInboxSession, startTestInbox, stopInboxSession, type TestInbox } from '../support/test-inbox';
import { eventually as eventuallyWithin } from '../support/eventually';

const OUR_ADDRESS = 'complaints@example.test';
const TENANT = 'contoso-test.onmicrosoft.com';
const CLIENT_ID = '4f1a2b3c-0000-4000-8000-00000000c11e';
const CLIENT_SECRET = 'Qx~8Q~configured-secret-value-0123456789';
/** Short-lived tokens, so renewals happen while the test watches (Entra ID issues them for an hour). */
const TOKEN_LIFETIME_SECONDS = 4;

type Health = { status: string; connections: Record<string, { ok: boolean; state?: string; auth?: string; lastError?: string; sessions?: number; tokensIssued?: number }> };
type Channels = { items: Array<{ channel: string; problems?: Array<{ account: string; problem: string; since: string }> }> };

/**
 * OAuth2 mailboxes end to end against real peers: Dovecot signs the inbox in
 * with XOAUTH2, checking each token at the token stand-in's introspection
 * endpoint (its oauth2 passdb), and smtp-server accepts XOAUTH2 against the
 * same stand-in, which issues, expires and revokes tokens as Entra ID and
 * Google do and refuses them in their words.
 */
describe('Email over OAuth2 (XOAUTH2)', () => {
  let oauth: OAuthStandIn;
  let dns: DnsStandIn;
  let dovecot: Dovecot;
  let smtp: Awaited<ReturnType<typeof startSmtpReceiver>>;
  let inbox: TestInbox;
  let sql: Client;
  let token: string;
  let writer: ImapFlow;
  let counter = 0;
  const output: string[] = [];
  const originalWrite = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };

  beforeAll(async () => {
    // Everything the inbox prints is kept, to prove no secret or token reaches a log.
    process.stdout.write = ((chunk: string | Uint8Array, ...rest: never[]) => (output.push(String(chunk)), originalWrite.out(chunk, ...rest))) as typeof process.stdout.write;
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => (output.push(String(chunk)), originalWrite.err(chunk, ...rest))) as typeof process.stderr.write;
    oauth = await startOAuthStandIn();
    // Sender checks ask the test's own DNS server, never the network.
    dns = await startDnsStandIn();
    oauth.tokenLifetimeSeconds = TOKEN_LIFETIME_SECONDS;
    oauth.registerEntraApp({ tenant: TENANT, clientId: CLIENT_ID, secret: CLIENT_SECRET, mailbox: OUR_ADDRESS });
    dovecot = await startDovecot({ user: OUR_ADDRESS, oauth2IntrospectionUrl: oauth.introspectionUrl });
    smtp = await startSmtpReceiver({ oauth2: { check: (t) => oauth.check(t) } });
    ({ inbox, token, sql } = await startInboxSession({
      env: {
        LOG_LEVEL: 'debug',
        IMAP_URL: `imap://${encodeURIComponent(OUR_ADDRESS)}@127.0.0.1:${dovecot.port}/INBOX`,
        SMTP_URL: `smtp://${encodeURIComponent(OUR_ADDRESS)}@127.0.0.1:${smtp.port}`,
        MAIL_FROM: `Complaints <${OUR_ADDRESS}>`,
        EMAIL_AUTH: 'oauth2-microsoft',
        EMAIL_OAUTH_TENANT_ID: TENANT,
        EMAIL_OAUTH_CLIENT_ID: CLIENT_ID,
        EMAIL_OAUTH_CLIENT_SECRET: CLIENT_SECRET,
        EMAIL_OAUTH_TOKEN_URL: oauth.microsoftTokenUrl(TENANT),
        EMAIL_DNS_SERVERS: dns.server,
      },
    }));
    // The customer's side: mail is put in the mailbox with the password login Dovecot also offers.
    writer = await openMailbox(dovecot);
  });

  afterAll(async () => {
    process.stdout.write = originalWrite.out as typeof process.stdout.write;
    process.stderr.write = originalWrite.err as typeof process.stderr.write;
    await writer?.logout().catch(() => undefined);
    await stopInboxSession({ inbox, sql });
    await smtp?.close();
    await dovecot?.close();
    await oauth?.close();
    await dns?.close();
  });

  function mail(from: string, subject: string, body: string): string {
    return [`From: ${from}`, `To: ${OUR_ADDRESS}`, `Subject: ${subject}`, `Message-ID: <o${++counter}.${Date.now()}@mail.example.org>`, `Date: ${new Date().toUTCString()}`, '', body].join('\r\n');
  }

  // Token refreshes and reconnects take longer than most waits elsewhere.
  const eventually = <T>(probe: () => Promise<T | undefined | false>, ms = 15_000, what?: string) => eventuallyWithin(probe, ms, what);

  const mailbox = async () => (await inbox.api<Health>('/health')).body.connections[`email:${OUR_ADDRESS}/INBOX`];
  const textsFrom = async (address: string) =>
    (await sql.query(`SELECT text FROM messages WHERE direction = 'inbound' AND sender_address = $1 ORDER BY text`, [address])).rows.map((r) => String(r.text));

  it('signs in to IMAP and SMTP with one Entra ID token on first connect, and reads and answers mail', async () => {
    const connected = await eventually(async () => {
      const m = await mailbox();
      return m?.state === 'connected' && m;
    }, 10_000, 'the mailbox to connect');
    expect(connected).toEqual(expect.objectContaining({ ok: true, auth: 'oauth2-microsoft' }));
    expect(oauth.introspections.some((i) => i.active && i.username === OUR_ADDRESS)).toBe(true);

    await writer.append('INBOX', mail('jane@example.org', 'Charged twice', 'You charged my card twice this month.'));
    const [row] = await eventually(async () => {
      const { rows } = await sql.query(`SELECT case_id FROM messages WHERE sender_address = 'jane@example.org' AND direction = 'inbound'`);
      return rows.length === 1 && rows;
    }, 10_000, 'the mail');
    const reply = await inbox.api<{ id: string }>(`/api/cases/${row.case_id}/replies`, { token, body: { text: 'We are refunding the second charge.' } });
    expect(reply.status).toBe(201);
    const sent = await smtp.waitFor((m) => Boolean(m.parsed.text?.includes('We are refunding the second charge.')));
    expect(sent.envelope.to).toEqual(['jane@example.org']);
    expect(smtp.logins.filter((l) => l.accepted).map((l) => l.user)).toContain(OUR_ADDRESS);
    expect(smtp.logins.every((l) => l.accepted)).toBe(true);
  });

  it('renews the IDLE session with a fresh token before the old one expires, losing and repeating no mail', async () => {
    const before = (await mailbox()).sessions ?? 0;
    const firstToken = oauth.issued.length;
    const texts: string[] = [];
    // Mail keeps arriving across at least two renewals (one every 3 s with 4-second tokens).
    for (let i = 0; i < 16; i++) {
      const text = `Renewal stream ${String(i).padStart(2, '0')}: you charged me twice`;
      texts.push(text);
      await writer.append('INBOX', mail('stream@example.org', `Stream ${i}`, text));
      await new Promise((r) => setTimeout(r, 500));
    }
    await eventually(async () => (await textsFrom('stream@example.org')).length >= texts.length, 15_000, 'every mail of the stream');
    expect(await textsFrom('stream@example.org')).toEqual(texts);
    expect((await mailbox()).sessions ?? 0).toBeGreaterThanOrEqual(before + 2);
    // Each token was asked for before the one before it expired, and Dovecot never saw an expired token.
    const tokens = oauth.issued.slice(firstToken - 1);
    expect(tokens.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < tokens.length; i++) expect(tokens[i].issuedAt).toBeLessThan(tokens[i - 1].expiresAt);
    expect(oauth.introspections.filter((i) => !i.active)).toEqual([]);
  });

  it('shows revoked consent on /health and in the workspace in Entra ID’s words, and resumes by itself once consent is back', async () => {
    oauth.revokeConsent(CLIENT_ID);
    const down = await eventually(async () => {
      const m = await mailbox();
      return m.state !== 'connected' && m.lastError?.includes('AADSTS65001') && m;
    }, 10_000, 'the refusal on /health');
    expect(down.lastError).toContain('The user or administrator has not consented to use the application');
    expect(down.lastError).not.toContain('Trace ID');
    const health = await inbox.api<Health>('/health');
    expect(health.body.status).toBe('degraded');
    expect(health.body.connections[`email-oauth:${OUR_ADDRESS}`]).toEqual(expect.objectContaining({ ok: false, provider: 'Microsoft Entra ID' }));
    const channels = await eventually(async () => {
      const res = await inbox.api<Channels>('/api/channels', { token });
      const email = res.body.items.find((c) => c.channel === 'email');
      return email?.problems?.some((p) => p.problem.includes('AADSTS65001')) && email;
    }, 5_000, 'the problem on /api/channels');
    expect(channels.problems).toEqual(expect.arrayContaining([expect.objectContaining({ account: `${OUR_ADDRESS}/INBOX`, problem: expect.stringContaining('AADSTS65001') })]));

    // Mail that arrives meanwhile waits in the mailbox.
    await writer.append('INBOX', mail('patient@example.org', 'While you were out', 'Waiting in the mailbox: charged twice'));
    oauth.grantConsent(CLIENT_ID);
    await eventually(async () => (await mailbox()).state === 'connected', 40_000, 'the mailbox to resume');
    await eventually(async () => (await textsFrom('patient@example.org')).length === 1, 10_000, 'the mail that waited');
    await eventually(async () => {
      const res = await inbox.api<Channels>('/api/channels', { token });
      return !res.body.items.find((c) => c.channel === 'email')?.problems;
    }, 5_000, 'the problem to clear in the workspace');
  });

  it('shows a wrong client secret in Entra ID’s words, holds replies meanwhile, and sends them once the secret is right', async () => {
    oauth.setSecret(CLIENT_ID, 'a-newer-secret-the-inbox-does-not-have');
    const down = await eventually(async () => {
      const m = await mailbox();
      return m.lastError?.includes('AADSTS7000215') && m;
    }, 10_000, 'the wrong secret on /health');
    expect(down.lastError).toContain('Invalid client secret provided');

    const { rows } = await sql.query(`SELECT case_id FROM messages WHERE sender_address = 'jane@example.org' LIMIT 1`);
    const reply = await inbox.api<{ id: string }>(`/api/cases/${rows[0].case_id}/replies`, { token, body: { text: 'Held until the secret is fixed.' } });
    expect(reply.status).toBe(201);
    // The SMTP pool's connection signed in earlier; a new one cannot. Either way nothing is lost: it goes out once fixed.
    oauth.setSecret(CLIENT_ID, CLIENT_SECRET);
    await smtp.waitFor((m) => Boolean(m.parsed.text?.includes('Held until the secret is fixed.')), 60_000);
    await eventually(async () => (await mailbox()).state === 'connected', 40_000, 'the mailbox to resume');
  });

  it('signs a Google Workspace mailbox in with a service account’s domain-wide delegation, beside a password mailbox, and shows a revoked delegation', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const clientEmail = 'inbox-reader@complaints-test.iam.gserviceaccount.com';
    oauth.registerServiceAccount({ clientEmail, publicKey, delegatedScopes: ['https://mail.google.com/'], domain: 'gmail-tenant.test' });
    const dir = mkdtempSync(join(tmpdir(), 'sa-'));
    const keyFile = join(dir, 'service-account.json');
    writeFileSync(
      keyFile,
      JSON.stringify({
        type: 'service_account',
        project_id: 'complaints-test',
        private_key_id: 'k1',
        private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        client_email: clientEmail,
        client_id: '1234567890',
        token_uri: oauth.googleTokenUrl,
      }),
    );
    const googleUser = 'support@gmail-tenant.test';
    const other = await startTestInbox({
      env: {
        IMAP_URL: `${dovecot.imapUrl('INBOX')},imap://${encodeURIComponent(googleUser)}@127.0.0.1:${dovecot.port}/INBOX?auth=oauth2-google`,
        EMAIL_OAUTH_SERVICE_ACCOUNT_FILE: keyFile,
        EMAIL_DNS_SERVERS: dns.server,
      },
    });
    try {
      type Conn = Health['connections'][string];
      const both = await eventually(async () => {
        const res = await other.api<Health>('/health');
        const list = Object.entries(res.body.connections).filter(([name]) => name.startsWith('email:'));
        return list.length === 2 && list.every(([, c]) => c.state === 'connected') && (Object.fromEntries(list) as Record<string, Conn>);
      }, 15_000, 'both mailboxes');
      expect(both[`email:${OUR_ADDRESS}/INBOX`].auth).toBe('password');
      expect(both[`email:${googleUser}/INBOX`].auth).toBe('oauth2-google');
      expect(oauth.issued.some((t) => t.clientId === clientEmail && t.username === googleUser)).toBe(true);

      oauth.revokeDelegation(clientEmail);
      const refused = await eventually(async () => {
        const res = await other.api<Health>('/health');
        const c = res.body.connections[`email:${googleUser}/INBOX`];
        return c.lastError?.includes('unauthorized_client') && c;
      }, 15_000, 'the revoked delegation on /health');
      expect(refused.lastError).toContain('Client is unauthorized to retrieve access tokens using this method');
      expect(oauth.refusals.some((r) => r.status === 401 && r.body.error === 'unauthorized_client')).toBe(true);
      // The password mailbox carries on.
      expect((await other.api<Health>('/health')).body.connections[`email:${OUR_ADDRESS}/INBOX`].state).toBe('connected');
    } finally {
      await other.close();
      await other.db.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('signs a Microsoft 365 mailbox in with the app’s certificate instead of a secret, and names a certificate Entra ID does not know', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'entra-cert-'));
    // What an admin uploads to the app registration (the certificate) and gives the inbox (certificate and key in one PEM).
    const make = (name: string) => {
      const file = join(dir, `${name}.pem`);
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-days', '2', '-keyout', file, '-out', `${file}.crt`], { stdio: 'ignore' });
      const certificate = readFileSync(`${file}.crt`, 'utf8');
      writeFileSync(file, `${readFileSync(file, 'utf8')}${certificate}`);
      return { file, certificate };
    };
    const registered = make('complaints-inbox');
    const unknown = make('not-uploaded');
    const certificateClient = '4f1a2b3c-0000-4000-8000-0000000cert1';
    const certificateUser = 'disputes@example.test';
    oauth.registerEntraApp({ tenant: TENANT, clientId: certificateClient, certificatePem: registered.certificate, mailbox: certificateUser });
    const start = (certificateFile: string) =>
      startTestInbox({
        env: {
          IMAP_URL: `imap://${encodeURIComponent(certificateUser)}@127.0.0.1:${dovecot.port}/INBOX?auth=oauth2-microsoft`,
          EMAIL_OAUTH_TENANT_ID: TENANT,
          EMAIL_OAUTH_CLIENT_ID: certificateClient,
          EMAIL_OAUTH_CLIENT_CERTIFICATE_FILE: certificateFile,
          EMAIL_OAUTH_TOKEN_URL: oauth.microsoftTokenUrl(TENANT),
          EMAIL_DNS_SERVERS: dns.server,
        },
      });
    const connection = async (app: TestInbox) => (await app.api<Health>('/health')).body.connections[`email:${certificateUser}/INBOX`];
    const good = await start(registered.file);
    try {
      const connected = await eventually(async () => {
        const c = await connection(good);
        return c?.state === 'connected' && c;
      }, 15_000, 'the certificate mailbox to connect');
      expect(connected.auth).toBe('oauth2-microsoft');
      expect(oauth.issued.some((t) => t.clientId === certificateClient && t.username === certificateUser)).toBe(true);
    } finally {
      await good.close();
      await good.db.drop();
    }
    const wrong = await start(unknown.file);
    try {
      const refused = await eventually(async () => {
        const c = await connection(wrong);
        return c?.lastError?.includes('invalid_client') && c;
      }, 15_000, 'the unknown certificate on /health');
      expect(refused.lastError).toContain('is not registered on application');
      expect(refused.state).not.toBe('connected');
    } finally {
      await wrong.close();
      await wrong.db.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('never prints the client secret or an access token', () => {
    const printed = output.join('');
    expect(printed.length).toBeGreaterThan(0);
    expect(printed).not.toContain(CLIENT_SECRET);
    for (const t of oauth.issued) expect(printed).not.toContain(t.token);
  });
});
