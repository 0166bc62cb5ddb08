import { monitorEventLoopDelay } from 'node:perf_hooks';
import { adversarialTexts, PROMPT_MS } from '../../../../test/support/adversarial-inputs';
import { readEmail } from './email-reader';
import { findBounce, toInboundEmail } from './email.parser';

const at = { account: 'complaints@example.com', mailbox: 'complaints@example.com/INBOX', uid: 7, uidValidity: '1700000000' };

/**
 * Reads a mail and turns it into the message as the importer does. mailparser
 * streams (it yields to the event loop between lines), so what matters there is
 * the longest time the event loop was held; our own parsing after it is timed
 * whole. A refusal (mailparser's header limits) is a fine answer too.
 */
async function millisecondsToImport(source: string): Promise<number> {
  const stalls = monitorEventLoopDelay({ resolution: 10 });
  stalls.enable();
  let read;
  try {
    read = await readEmail(source, { maxAttachmentBytes: 1_000_000 });
  } catch {
    return stalls.max / 1e6;
  } finally {
    stalls.disable();
  }
  const started = performance.now();
  findBounce(read);
  toInboundEmail(read, at, [], new Date());
  return Math.max(stalls.max / 1e6, performance.now() - started);
}

const headers = (contentType: string) =>
  ['From: Jane <jane@example.org>', 'To: complaints@example.com', 'Subject: hostile', 'Message-ID: <h@example.org>', `Content-Type: ${contentType}`, '', ''].join('\r\n');

describe('an email with a hostile 1 MB body is read promptly', () => {
  const bodies = Object.entries(adversarialTexts());

  it.each(bodies)('as plain text: %s', async (_name, body) => {
    expect(await millisecondsToImport(headers('text/plain; charset=utf-8') + body)).toBeLessThan(PROMPT_MS);
  });

  it.each(bodies)('as the only (HTML) part: %s', async (_name, body) => {
    expect(await millisecondsToImport(headers('text/html; charset=utf-8') + body)).toBeLessThan(PROMPT_MS);
  });

  it.each(bodies)('as a delivery report: %s', async (_name, body) => {
    const source =
      headers('multipart/report; report-type=delivery-status; boundary="b"') +
      ['--b', 'Content-Type: text/plain', '', 'Undelivered', '--b', 'Content-Type: message/delivery-status', '', `Action: failed\r\nDiagnostic-Code: ${body}`, '--b--', ''].join('\r\n');
    expect(await millisecondsToImport(source)).toBeLessThan(PROMPT_MS);
  });

  it.each([
    ['References', (body: string) => `References: ${body.replace(/\n/g, ' ')}\r\n`],
    ['Subject', (body: string) => `Subject: ${body.replace(/\n/g, ' ')}\r\n`],
  ])('with a 1 MB %s header', async (_name, header) => {
    for (const [, body] of bodies.slice(0, 8)) {
      expect(await millisecondsToImport(header(body) + headers('text/plain') + 'hello')).toBeLessThan(PROMPT_MS);
    }
  });
});
