import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from 'pg';
import { TOPICS } from '@inbox/contracts';
import { checkPagesAndClose, expectNothingCutOff, startBrowserInbox, type BrowserInbox } from '../support/browser';
import type { TwilioStandIn } from '../support/twilio-stand-in';
import type { TestInbox } from '../support/test-inbox';

const ACCOUNT_SID = 'AC00000000000000000000000000000003';
const SUE = { email: 'sue@test.local', password: 'sue-password-1', name: 'Sue Park' };
const AMY = { email: 'amy@test.local', password: 'amy-password-1', name: 'Amy Chen' };

/**
 * The supervisor's dashboard and reports in a real chromium against a real
 * inbox fed by signed Twilio webhooks: the volume chart and today's totals
 * move live as SMS arrive, deadlines at risk link to their cases, an incident
 * shows its cases, and a report downloads as CSV.
 */
describe('supervisor dashboard in the browser', () => {
  let shared: BrowserInbox;
  let twilio: TwilioStandIn;
  let inbox: TestInbox;
  let sql: Client;
  let screenshots: string;

  beforeAll(async () => {
    shared = await startBrowserInbox({
      accountSid: ACCOUNT_SID,
      env: { SUPERVISOR_PUSH_INTERVAL_MS: '500' },
      staff: [
        { ...SUE, role: 'supervisor' },
        { ...AMY, role: 'agent' },
      ],
    });
    ({ twilio, inbox, sql, screenshots } = shared);
  }, 120_000);

  checkPagesAndClose(() => shared);

  const sms = (from: string, body: string) => shared.sms(from, body);

  const signIn = (who: { email: string; password: string }, hash: string) => shared.signIn(who, hash, { acceptDownloads: true });

  it('moves the volume chart and today\'s totals live, lists deadlines at risk with links, shows the incident and sends its update to all', async () => {
    const complaints = [
      'My card payment was declined at the shop',
      'Card declined again, this is the third time',
      'You charged my card twice for one bill',
      'Why was my card payment declined?',
      'The app charged a fee I never agreed to',
      'Card declined when paying rent',
    ];
    for (const [i, text] of complaints.entries()) await sms(`+6141255${String(i).padStart(4, '0')}`, text);
    // Deadlines: one IDR response at risk, one breached, one acknowledgement overdue.
    const cases = (await sql.query(`SELECT id, reference FROM cases ORDER BY reference`)).rows as Array<{ id: string; reference: string }>;
    await sql.query(`UPDATE cases SET kind = 'complaint', received_at = now() - interval '26 days', respond_by = now() + interval '4 days' WHERE id = $1`, [cases[0].id]);
    await sql.query(`UPDATE cases SET kind = 'complaint', received_at = now() - interval '32 days', respond_by = now() - interval '2 days' WHERE id = $1`, [cases[1].id]);
    await sql.query(`UPDATE cases SET kind = 'complaint', acknowledged_at = NULL, received_at = now() - interval '2 days', acknowledge_by = now() - interval '1 day' WHERE id = $1`, [cases[2].id]);
    // An incident triage opened for the declined card payments, with its cases.
    const [{ id: incidentId }] = (
      await sql.query(`INSERT INTO incidents (key, title, window_started_at) VALUES ('term:declined', 'Card payments declined', now() - interval '5 minutes') RETURNING id`)
    ).rows;
    await sql.query(`INSERT INTO incident_cases (incident_id, case_id) SELECT $1, id FROM cases WHERE preview ILIKE '%declined%'`, [incidentId]);

    const page = await signIn(SUE, '#/supervisor');
    await page.getByTestId('volume-chart').locator('canvas').waitFor();
    const today = page.getByTestId('kpi-today').locator('.sv-kpi-value');
    await expect(today.textContent()).resolves.toBe(String(complaints.length));
    await page.getByTestId('today-sms').filter({ hasText: String(complaints.length) }).waitFor();
    const incident = page.getByTestId('incident').filter({ hasText: 'Card payments declined' });
    await incident.locator('.sv-incident-count').filter({ hasText: '4' }).waitFor();

    // More SMS: the totals and the chart follow without a reload; triage links the new complaints to the open incident and its count grows.
    await page.evaluate(() => ((globalThis as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true));
    const stamp = await page.getByTestId('volumes-updated').textContent();
    for (let i = 0; i < 3; i++) await sms(`+6141266${String(i).padStart(4, '0')}`, `Card declined at the petrol station (${i})`);
    await page.getByTestId('kpi-today').locator('.sv-kpi-value').filter({ hasText: String(complaints.length + 3) }).waitFor({ timeout: 6_000 });
    await incident.locator('.sv-incident-count').filter({ hasText: '7' }).waitFor({ timeout: 6_000 });
    // The stamp shows seconds: on a fast machine all of the above can happen within the second it was read,
    // so wait for the next push (every 500 ms here) to change it rather than expecting it changed already.
    await page.waitForFunction(
      (before: string | null) =>
        (globalThis as unknown as { document: { querySelector(selector: string): { textContent: string | null } | null } }).document.querySelector(
          '[data-testid="volumes-updated"]',
        )?.textContent !== before,
      stamp,
      { timeout: 5_000 },
    );
    expect(await page.evaluate(() => (globalThis as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);

    // One update to every affected customer, each on their own channel (here: SMS through Twilio's REST API).
    const update = 'We are fixing an outage that declined card payments today; no need to retry, nothing was charged.';
    await incident.getByRole('button', { name: /Send update to all 7 affected/ }).click();
    await incident.locator('textarea').fill(update);
    // It asks first, saying how many customers it reaches.
    const asked = new Promise<string>((resolve) => page.once('dialog', (dialog) => (resolve(dialog.message()), void dialog.accept())));
    await incident.getByRole('button', { name: 'Send to all' }).click();
    await expect(asked).resolves.toMatch(/^Send this update to 7 customers, each on their own channel\?/);
    await page.locator('.toast').filter({ hasText: 'Update sent to 7 customers' }).waitFor({ timeout: 10_000 });
    for (let i = 0; i < 100 && twilio.requests.filter((r) => r.form.Body === update).length < 7; i++) await new Promise((r) => setTimeout(r, 100));
    expect(new Set(twilio.requests.filter((r) => r.form.Body === update).map((r) => r.form.To)).size).toBe(7);

    // Deadlines at risk and breached, each a link to its case.
    const deadlines = page.locator('.sv-deadlines tbody tr');
    await expect(deadlines.count()).resolves.toBe(3);
    await expect(page.locator('.sv-deadlines').textContent()).resolves.toMatch(/At risk.*|Breached/);
    // The screenshot shows the dashboard, not the toast over its corner.
    await page.locator('.toast').waitFor({ state: 'detached', timeout: 10_000 });
    await page.screenshot({ path: join(screenshots, 'supervisor-dashboard.png') });
    await deadlines.first().getByRole('link').click();
    await page.getByTestId('case-view').waitFor();
    expect(page.url()).toMatch(/#\/cases\/[0-9a-f-]{36}$/);
  });

  it('lists the deadlines, the open cases by team and the agents without a sideways scroll or a cut-off cell: tables on a desktop, a card per row on a phone', async () => {
    for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
      const page = await shared.signIn(SUE, '#/supervisor', { viewport });
      await page.locator('.sv-deadlines tbody tr').nth(2).waitFor();
      await expectNothingCutOff(page, page.locator('.sv-deadlines .sv-scroll'), page.locator('.sv-deadlines tbody td'));
      await expectNothingCutOff(page, page.locator('.sv-queue'), page.locator('.sv-queue tbody td'));
      await expectNothingCutOff(page, page.locator('.sv-agents .sv-scroll'), page.locator('.sv-agents tbody td'));
      // On a phone each figure says what it counts, the header row being hidden.
      if (viewport.width === 390) {
        const firstTeam = page.locator('.sv-queue tbody tr').first();
        await expect(firstTeam.locator('td').evaluateAll((cells: Array<{ dataset: { label?: string } }>) => cells.slice(1).map((c) => c.dataset.label))).resolves.toEqual(['new', 'open', 'pending', 'escalated', 'total']);
        await expect(firstTeam.locator('.sv-team-total').evaluate((c: { ownerDocument: { defaultView: { getComputedStyle(e: unknown, pseudo: string): { content: string } } } }) => c.ownerDocument.defaultView.getComputedStyle(c, '::before').content)).resolves.toContain('total');
        // The team's total on the team's line, its statuses under them.
        const [team, total, firstStatus] = await Promise.all(['.sv-team-name', '.sv-team-total', 'td[data-label="new"]'].map((cell) => firstTeam.locator(cell).boundingBox()));
        expect(total!.y).toBeLessThan(team!.y + team!.height);
        expect(firstStatus!.y).toBeGreaterThanOrEqual(team!.y + team!.height);
      }
      await page.screenshot({ path: join(shared.shots, `supervisor-dashboard-${viewport.width}.png`) });
      await page.locator('.sv-deadlines').screenshot({ path: join(shared.shots, `supervisor-deadlines-${viewport.width}.png`) });
      await page.locator('.sv-queue').screenshot({ path: join(shared.shots, `supervisor-teams-${viewport.width}.png`) });
      await page.locator('.sv-agents').screenshot({ path: join(shared.shots, `supervisor-agents-${viewport.width}.png`) });
      await page.context().close();
    }
  });

  it('draws a report with its table and downloads it as CSV', async () => {
    // Two weeks of history on three channels, through the intake as the channels deliver it.
    let n = 0;
    for (let day = 1; day <= 13; day++) {
      for (const [channel, perDay, address] of [
        ['sms', 3 + (day % 4), (i: number) => `+614127${String(day).padStart(2, '0')}${String(i).padStart(3, '0')}`],
        ['email', 2 + (day % 3), (i: number) => `history${day}-${i}@mail.test`],
        ['telegram', 1 + (day % 2), (i: number) => `9${day}0${i}`],
      ] as const) {
        for (let i = 0; i < perDay; i++) {
          const receivedAt = new Date(Date.now() - day * 86400_000 + i * 60_000).toISOString();
          const message = { channel, account: 'history', externalId: `history-${++n}`, sender: { address: address(i) }, text: `Older complaint ${n} about my card`, receivedAt };
          await inbox.bus.publish(TOPICS.inbound, `${channel}:${message.sender.address}`, message);
        }
      }
    }
    const page = await signIn(SUE, '#/reports');
    await page.getByTestId('report-table').waitFor();
    // Volumes: a row per day, a column per channel and the day's total (the CSV keeps a row per day and channel).
    const volumes = page.getByTestId('report-table');
    await expect(volumes.locator('tbody tr').count()).resolves.toBeGreaterThanOrEqual(13);
    const heads = (await volumes.locator('thead th').allTextContents()).map((h) => h.trim());
    expect(heads[0]).toBe('Day');
    expect(heads.at(-1)).toBe('Total');
    expect(heads).toEqual(expect.arrayContaining(['Email', 'SMS', 'Telegram']));
    for (const row of await volumes.locator('tbody tr').all()) {
      const figures = (await row.locator('td.num').allTextContents()).map(Number);
      expect(figures.at(-1)).toBe(figures.slice(0, -1).reduce((a, b) => a + b, 0));
    }
    await page.getByTestId('report-chart').locator('canvas').waitFor();
    await page.screenshot({ path: join(screenshots, 'supervisor-reports.png') });
    await page.getByRole('button', { name: 'Response times' }).click();
    await page.getByTestId('report-table').filter({ hasText: 'First response, median (min)' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-download').click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('channel,cases,responded,first_response_median_min,first_response_p90_min,resolved,resolution_median_h,resolution_p90_h');
    expect(csv).toMatch(/\r\nall,\d+,/);
  });

  it('fits every report on a desktop and on a phone: its table without a sideways scroll or a cut-off cell, a card per row on a phone', async () => {
    // The history the test above sent in.
    for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
      const page = await shared.signIn(SUE, '#/reports', { viewport });
      const tabs = page.getByRole('navigation', { name: 'Reports' }).getByRole('button');
      for (const [i, title] of (await tabs.allInnerTexts()).entries()) {
        await tabs.nth(i).click();
        await page.locator('.sv-report .sv-card-head h2').filter({ hasText: title }).waitFor();
        const table = page.getByTestId('report-table');
        await table.or(page.locator('.sv-report .sv-empty')).waitFor();
        if ((await table.count()) === 0) continue;
        await expectNothingCutOff(page, page.locator('.sv-report-table'), table.locator('tbody td'));
        const slug = title.toLowerCase().replace(/[^a-z]+/g, '-');
        await page.locator('.sv-report-table').screenshot({ path: join(shared.shots, `supervisor-report-${slug}-${viewport.width}.png`) });
      }
      await page.screenshot({ path: join(shared.shots, `supervisor-reports-${viewport.width}.png`) });
      await page.context().close();
    }
  });

  it('tells an agent the dashboard is for supervisors, and offers no link to it', async () => {
    const page = await signIn(AMY, '#/supervisor');
    await page.getByText('The dashboard, reports and the compliance screen are open to supervisors and admins.').waitFor();
    await expect(page.locator('.topnav').textContent()).resolves.not.toMatch(/Dashboard/);
  });
});
