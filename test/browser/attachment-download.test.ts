import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TOPICS } from '@inbox/contracts';
import { AttachmentStore } from '@inbox/cases';
import { deterministicMessageId } from '@inbox/platform';
import { startBrowserInbox, type BrowserInbox } from '../support/browser';
import { ADMIN } from '../support/test-inbox';

const ACCOUNT = 'complaints@example.test';
const PDF = Buffer.from('%PDF-1.4\n% the customer’s statement\n%%EOF\n');

/**
 * An email attachment in the workspace, clicked in a real chromium: the file
 * arrives (fetched with the agent's token, saved under its own name), and a
 * link a provider or customer chose that is no web link is never clickable.
 */
describe('email attachments in the workspace (browser)', () => {
  let shared: BrowserInbox;
  let caseId: string;

  beforeAll(async () => {
    shared = await startBrowserInbox({ accountSid: 'AC00000000000000000000000000000007', staff: [] });
    const { inbox } = shared;
    const externalId = `<statement.${Date.now()}@mail.example.org>`;
    const messageId = deterministicMessageId('email', ACCOUNT, externalId);
    const attachmentId = AttachmentStore.attachmentId(messageId, 0);
    await inbox.app.get(AttachmentStore).keep({ id: attachmentId, messageId, fileName: 'bank statement.pdf', contentType: 'application/pdf', content: PDF });
    await inbox.bus.publish(TOPICS.inbound, 'email:jane@mail.example.org', {
      channel: 'email',
      account: ACCOUNT,
      externalId,
      sender: { address: 'jane@mail.example.org', displayName: 'Jane Citizen' },
      text: 'You charged me twice, my statement is attached.',
      thread: { messageId: externalId, subject: 'Double charge' },
      attachments: [
        { url: `/api/attachments/${attachmentId}`, providerFileId: attachmentId, fileName: 'bank statement.pdf', contentType: 'application/pdf', sizeBytes: PDF.length },
        { url: 'javascript:alert(document.cookie)', fileName: 'not a link.txt', contentType: 'text/plain' },
      ],
      receivedAt: new Date().toISOString(),
    });
    const { rows } = await shared.sql.query(`SELECT case_id FROM messages WHERE id = $1`, [messageId]);
    caseId = rows[0].case_id;
  }, 180_000);

  afterAll(async () => {
    await shared?.close();
  });

  it('downloads the file when the agent clicks it, and renders no script link', async () => {
    const page = await shared.newPage({ acceptDownloads: true });
    await page.goto(shared.inbox.url);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('connection').filter({ hasText: 'Live' }).waitFor();
    await page.goto(`${shared.inbox.url}/#/cases/${caseId}`);
    const link = page.getByRole('link', { name: /bank statement\.pdf/ });
    await link.waitFor();

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), link.click()]);
    expect(download.suggestedFilename()).toBe('bank statement.pdf');
    expect(await readFile((await download.path())!)).toEqual(PDF);

    // The other "attachment" is shown, but as text: no href on the page runs script or leaves for another scheme.
    await page.getByText('not a link.txt').waitFor();
    const hrefs: string[] = [];
    for (const link of await page.locator('a[href]').all()) hrefs.push((await link.getAttribute('href')) ?? '');
    expect(hrefs.filter((href) => !/^(https?:|\/(?![/\\])|#)/i.test(href))).toEqual([]);

    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: width > 500 ? 900 : 844 });
      await page.getByText('not a link.txt').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(shared.screenshots, `attachments-${width}.png`) });
    }
    expect(shared.pageErrors).toEqual([]);
  }, 60_000);
});
