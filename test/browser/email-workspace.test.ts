import { deflateSync } from 'node:zlib';
import { join } from 'node:path';
import type { ImapFlow } from 'imapflow';
import type { Page } from 'playwright-core';
import { startBrowserInbox, type BrowserInbox } from '../support/browser';
import type { DnsStandIn } from '../support/dns-stand-in';
import type { Dovecot } from '../support/dovecot';
import { openMailbox, startMailPeers, type MailPeers } from '../support/mail-peers';
import type { SmtpReceiver } from '../support/smtp-receiver';
import { ADMIN } from '../support/test-inbox';

const ACCOUNT_SID = 'AC00000000000000000000000000000021';
const OUR_ADDRESS = 'complaints@example.test';

/** A small solid-colour PNG (the customer's "screenshot"), written by hand: RGB, no filter, zlib-compressed. */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
}

/**
 * The email side of the workspace in a real chromium: a customer's HTML mail
 * (inline picture, a remote image, a script) shown sanitised in a sandboxed
 * frame, who sent it, and the composer's Reply all / Cc / Bcc sending through
 * a real SMTP server. Screenshots at 1440 and 390 px.
 */
describe('email in the workspace (browser)', () => {
  let mail: MailPeers;
  let dns: DnsStandIn;
  let dovecot: Dovecot;
  let smtp: SmtpReceiver;
  let shared: BrowserInbox;
  let writer: ImapFlow;

  beforeAll(async () => {
    mail = await startMailPeers(OUR_ADDRESS);
    ({ dns, dovecot, smtp } = mail);
    shared = await startBrowserInbox({
      accountSid: ACCOUNT_SID,
      staff: [],
      env: { IMAP_URL: dovecot.imapUrl(), SMTP_URL: smtp.url, MAIL_FROM: `Complaints <${OUR_ADDRESS}>`, EMAIL_DNS_SERVERS: dns.server },
    });
    writer = await openMailbox(dovecot);
    const picture = png(240, 90, [37, 99, 235]);
    await writer.append(
      'INBOX',
      [
        'From: Jane Citizen <jane@example.org>',
        `To: ${OUR_ADDRESS}, partner@example.org`,
        'Cc: Adviser <adviser@broker.example>',
        'Subject: Charged twice for my card',
        'Message-ID: <browser-html-1@example.org>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/alternative; boundary="alt"',
        '',
        '--alt',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Hello, you charged my card twice for the annual fee. My statement is below.',
        '--alt',
        'Content-Type: multipart/related; boundary="rel"',
        '',
        '--rel',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<div style="font-family:Georgia,serif"><h2 style="color:#1d4ed8">Annual fee charged twice</h2>' +
          '<p>Hello, you charged my card <b>twice</b> for the annual fee ($129.00 on 3 and 4 June).</p>' +
          '<table border="1" cellpadding="6" style="border-collapse:collapse"><tr><th>Date</th><th>Amount</th></tr><tr><td>3 Jun</td><td>$129.00</td></tr><tr><td>4 Jun</td><td>$129.00</td></tr></table>' +
          '<p>My statement:</p><img src="cid:statement@jane" alt="statement"><p><img src="https://127.0.0.1:9/pixel.gif" alt="" width="1" height="1"></p>' +
          '<script>document.body.innerHTML="pwned"</script><p>Regards,<br>Jane</p></div>',
        '--rel',
        'Content-Type: image/png; name="statement.png"',
        'Content-ID: <statement@jane>',
        'Content-Disposition: inline; filename="statement.png"',
        'Content-Transfer-Encoding: base64',
        '',
        picture.toString('base64'),
        '--rel--',
        '--alt--',
      ].join('\r\n'),
    );
  }, 180_000);

  afterAll(async () => {
    await writer?.logout().catch(() => undefined);
    await shared?.close();
    await mail?.close();
  });

  async function openCase(width: number, height: number): Promise<Page> {
    const page = await shared.newPage({ viewport: { width, height } });
    await page.goto(shared.inbox.url);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('queue-row').filter({ hasText: 'annual fee' }).first().click({ timeout: 20_000 });
    await page.getByTestId('email-html').waitFor();
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(shared.screenshots, name), fullPage: false });

  it('shows the customer’s HTML mail sanitised in a sandboxed frame, with its inline picture and remote images blocked until allowed', async () => {
    const page = await openCase(1440, 900);
    const frameElement = page.locator('[data-testid="email-html"] iframe');
    expect(await frameElement.getAttribute('sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
    expect(await frameElement.getAttribute('data-remote-images')).toBe('blocked');
    const frame = page.frameLocator('[data-testid="email-html"] iframe');
    await frame.getByText('Annual fee charged twice').waitFor();
    // The inline picture is drawn (decoded), the script never ran.
    const drawn = await frame.locator('img[alt="statement"]').evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).complete && (img as unknown as { naturalWidth: number }).naturalWidth);
    expect(drawn).toBe(240);
    expect(await frame.locator('body').textContent()).not.toContain('pwned');
    await page.getByTestId('sender-check').first().waitFor();
    await page.getByText('1 remote image is blocked').waitFor();
    await shot(page, 'email-html-1440.png');

    await page.getByTestId('show-remote-images').click();
    expect(await frameElement.getAttribute('data-remote-images')).toBe('shown');
    await page.getByTestId('show-plain').first().click();
    await page.getByTestId('timeline').locator('.msg-text').filter({ hasText: 'My statement is below.' }).waitFor();

    const phone = await openCase(390, 844);
    await phone.frameLocator('[data-testid="email-html"] iframe').getByText('Annual fee charged twice').waitFor();
    await shot(phone, 'email-html-390.png');
    expect(shared.pageErrors).toEqual([]);
  });

  it('offers the addresses the customer copied for Reply all, and sends with Cc and Bcc', async () => {
    const page = await openCase(1440, 900);
    await page.getByTestId('reply-all').click();
    expect(await page.getByTestId('reply-cc').inputValue()).toBe('partner@example.org, adviser@broker.example');
    await page.getByTestId('add-bcc').click();
    await page.getByTestId('reply-bcc').fill('quality@example.test');
    await page.getByLabel('Reply text').fill('We are refunding the second annual fee today.');
    await shot(page, 'email-composer-cc-1440.png');

    const phone = await openCase(390, 844);
    await phone.getByTestId('reply-all').click();
    await phone.getByLabel('Reply text').fill('We are refunding the second annual fee today.');
    await shot(phone, 'email-composer-cc-390.png');

    await page.getByTestId('send-reply').click();
    const sent = await smtp.waitFor((m) => Boolean(m.parsed.text?.includes('We are refunding the second annual fee today.')));
    expect([...sent.envelope.to].sort()).toEqual(['adviser@broker.example', 'jane@example.org', 'partner@example.org', 'quality@example.test']);
    await page.locator('[data-direction="outbound"]').filter({ hasText: 'Cc partner@example.org, adviser@broker.example' }).waitFor();
    expect(shared.pageErrors).toEqual([]);
  });
});
