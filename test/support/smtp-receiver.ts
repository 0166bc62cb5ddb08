import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  raw: string;
  parsed: ParsedMail;
}

export interface SmtpReceiver {
  port: number;
  /** smtp://127.0.0.1:port */
  url: string;
  received: ReceivedMail[];
  /** Answers the next `count` DATA commands with this SMTP error (e.g. 451 for a transient failure). */
  failNext(count: number, responseCode: number, message: string): void;
  /** Resolves with the first mail (already received or still to come) that matches. */
  waitFor(predicate: (mail: ReceivedMail) => boolean, ms?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/**
 * A real SMTP server (the `smtp-server` package) on loopback that keeps what
 * it receives, parsed with mailparser. With `oauth2`, it requires XOAUTH2 and
 * asks `check` (the token stand-in's introspection) whether each token is
 * good for the user it names, as Exchange Online and Gmail do.
 */
export async function startSmtpReceiver(
  options: { oauth2?: { check(token: string): { active: boolean; username?: string } } } = {},
): Promise<SmtpReceiver & { logins: Array<{ user: string; accepted: boolean }> }> {
  const logins: Array<{ user: string; accepted: boolean }> = [];
  const received: ReceivedMail[] = [];
  const failures: Array<{ responseCode: number; message: string }> = [];
  const waiters: Array<{ predicate: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }> = [];

  const server = new SMTPServer({
    // The package's built-in certificate has expired: no STARTTLS on loopback.
    disabledCommands: ['STARTTLS'],
    authOptional: !options.oauth2,
    ...(options.oauth2 ? { authMethods: ['XOAUTH2'], allowInsecureAuth: true } : {}),
    logger: false,
    onAuth(auth, _session, callback) {
      const answer = options.oauth2?.check(auth.accessToken ?? '');
      const accepted = Boolean(answer?.active && answer.username?.toLowerCase() === auth.username?.toLowerCase());
      logins.push({ user: auth.username ?? '', accepted });
      if (accepted) return callback(null, { user: auth.username });
      // What Gmail and Exchange send back before 535: the XOAUTH2 error JSON.
      callback(null, { data: { status: '401', schemes: 'bearer', scope: 'https://mail.google.com/' } });
    },
    onData(stream, session: SMTPServerSession, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const failure = failures.shift();
        if (failure) {
          const error = Object.assign(new Error(failure.message), { responseCode: failure.responseCode });
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        void simpleParser(raw).then((parsed) => {
          const mail: ReceivedMail = {
            envelope: {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
            },
            raw,
            parsed,
          };
          received.push(mail);
          for (const w of [...waiters]) {
            if (w.predicate(mail)) {
              waiters.splice(waiters.indexOf(w), 1);
              w.resolve(mail);
            }
          }
          callback();
        }, callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    logins,
    failNext(count, responseCode, message) {
      for (let i = 0; i < count; i++) failures.push({ responseCode, message });
    },
    waitFor(predicate, ms = 10_000) {
      const seen = received.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('timed out waiting for a mail at the SMTP receiver')), ms);
        waiters.push({ predicate, resolve: (m) => (clearTimeout(timer), resolve(m)) });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
