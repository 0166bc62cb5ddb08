import { readEmail } from './email-reader';
import { emailExternalId, findBounce, toInboundEmail } from './email.parser';

const at = { account: 'complaints@example.com', mailbox: 'complaints@example.com/INBOX', uid: 7, uidValidity: '1700000000' };
const NOW = new Date('2024-06-03T00:05:00Z');
const mail = (lines: string[]) => lines.join('\r\n');

describe('email parsing', () => {
  it('turns a reply into the canonical message: sender, new text only, thread hints, full text kept', async () => {
    const read = await readEmail(
      mail([
        'From: "Jane Citizen" <Jane@Example.org>',
        'To: complaints@example.com',
        'Subject: Re: Double charge [C-000042]',
        'Message-ID: <reply-1@mail.example.org>',
        'In-Reply-To: <ours-1@example.com>',
        'References: <first@mail.example.org>\r\n <ours-1@example.com>',
        'Date: Mon, 03 Jun 2024 10:00:00 +1000',
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Still not fixed.',
        '',
        'On Mon, 3 Jun 2024, Complaints <complaints@example.com> wrote:',
        '> We are looking into it.',
      ]),
      { maxAttachmentBytes: 1000 },
    );
    const message = toInboundEmail(read, at, [], NOW)!;
    expect(message).toEqual(
      expect.objectContaining({
        channel: 'email',
        account: 'complaints@example.com',
        externalId: '<reply-1@mail.example.org>',
        sender: { address: 'Jane@Example.org', displayName: 'Jane Citizen' },
        text: 'Still not fixed.',
        // No INTERNALDATE here: received when imported; the Date header is what the sender claims.
        receivedAt: '2024-06-03T00:05:00.000Z',
        sentAt: '2024-06-03T00:00:00.000Z',
        thread: {
          messageId: '<reply-1@mail.example.org>',
          inReplyTo: '<ours-1@example.com>',
          references: ['<first@mail.example.org>', '<ours-1@example.com>'],
          subject: 'Re: Double charge [C-000042]',
        },
      }),
    );
    expect((message.raw as { fullText: string }).fullText).toContain('> We are looking into it.');
    expect(message.autoReply).toBeUndefined();
  });

  it('is received when the mail server took it in (INTERNALDATE), never when its Date header says', async () => {
    const read = await readEmail(mail(['From: a@example.org', 'Date: Fri, 01 Mar 2019 09:00:00 +0000', 'Subject: refund', '', 'Where is my refund?']), { maxAttachmentBytes: 10 });
    const internalDate = new Date('2024-06-03T00:01:30Z');
    expect(toInboundEmail(read, { ...at, internalDate }, [], NOW)).toMatchObject({ receivedAt: '2024-06-03T00:01:30.000Z', sentAt: '2019-03-01T09:00:00.000Z' });
    // A server clock ahead of ours cannot put the receipt after the import that read it.
    expect(toInboundEmail(read, { ...at, internalDate: new Date('2024-06-03T01:00:00Z') }, [], NOW)!.receivedAt).toBe(NOW.toISOString());
  });

  it('converts an HTML-only mail to text and derives an id when there is no Message-ID', async () => {
    const read = await readEmail(
      mail(['From: a@example.org', 'Subject: hi', 'Content-Type: text/html', '', '<p>My <b>card</b> was declined</p>']),
      { maxAttachmentBytes: 1000 },
    );
    expect(toInboundEmail(read, at, [], NOW)!.text).toBe('My card was declined');
    expect(emailExternalId(read)).toMatch(/^<[0-9a-f]{32}@no-message-id\.invalid>$/);
    expect(emailExternalId(await readEmail(read.sourcePrefix, { maxAttachmentBytes: 1 }))).toBe(emailExternalId(read));
  });

  it.each([
    ['Auto-Submitted: auto-replied'],
    ['X-Autoreply: yes'],
    ['Precedence: auto_reply'],
  ])('flags %s as written by a machine', async (header) => {
    const read = await readEmail(mail(['From: a@example.org', header, 'Subject: Out of office', '', 'I am away.']), { maxAttachmentBytes: 10 });
    expect(toInboundEmail(read, at, [], NOW)!.autoReply).toBe(true);
  });

  it('does not flag Auto-Submitted: no', async () => {
    const read = await readEmail(mail(['From: a@example.org', 'Auto-Submitted: no', '', 'Hello']), { maxAttachmentBytes: 10 });
    expect(toInboundEmail(read, at, [], NOW)!.autoReply).toBeUndefined();
  });

  it('keeps attachments within the limit and reports bigger ones with the reason', async () => {
    const small = Buffer.from('small file').toString('base64');
    const big = Buffer.alloc(5000, 1).toString('base64');
    const read = await readEmail(
      mail([
        'From: a@example.org',
        'Content-Type: multipart/mixed; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain',
        '',
        'See attached',
        '--b',
        'Content-Type: text/plain; name="small.txt"',
        'Content-Disposition: attachment; filename="small.txt"',
        'Content-Transfer-Encoding: base64',
        '',
        small,
        '--b',
        'Content-Type: application/pdf; name="big.pdf"',
        'Content-Disposition: attachment; filename="big.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        big,
        '--b--',
      ]),
      { maxAttachmentBytes: 1000 },
    );
    expect(read.text.trim()).toBe('See attached');
    const byName = Object.fromEntries(read.attachments.map((a) => [a.fileName, a]));
    expect(byName['small.txt'].content?.toString()).toBe('small file');
    expect(byName['big.pdf']).toEqual(expect.objectContaining({ sizeBytes: 5000, contentType: 'application/pdf' }));
    expect(byName['big.pdf'].content).toBeUndefined();
    expect(byName['big.pdf'].refusedReason).toMatch(/over the 1000 bytes limit/);
  });

  it('finds the mail a delivery failure report is about', async () => {
    const read = await readEmail(
      mail([
        'From: Mail Delivery System <MAILER-DAEMON@mx.example.org>',
        'To: complaints@example.com',
        'Subject: Undelivered Mail Returned to Sender',
        'Auto-Submitted: auto-replied',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="r"',
        '',
        '--r',
        'Content-Type: text/plain',
        '',
        'I could not deliver your message.',
        '--r',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.example.org',
        '',
        'Final-Recipient: rfc822; nobody@example.org',
        'Action: failed',
        'Status: 5.1.1',
        'Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.org>:',
        ' Recipient address rejected: User unknown',
        '--r',
        'Content-Type: text/rfc822-headers',
        '',
        'From: complaints@example.com',
        'Message-ID: <ours-9@example.com>',
        'Subject: Re: Double charge [C-000042]',
        '--r--',
      ]),
      { maxAttachmentBytes: 1000 },
    );
    expect(findBounce(read)).toEqual({
      originalMessageId: '<ours-9@example.com>',
      reason: '5.1.1 (smtp; 550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown)',
    });
    expect(toInboundEmail(read, at, [], NOW)!.autoReply).toBe(true);
  });

  it('is not a bounce when delivery is only delayed', async () => {
    const read = await readEmail(
      mail([
        'From: MAILER-DAEMON@mx.example.org',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="r"',
        '',
        '--r',
        'Content-Type: message/delivery-status',
        '',
        'Action: delayed',
        'Status: 4.4.1',
        '--r',
        'Content-Type: text/rfc822-headers',
        '',
        'Message-ID: <ours-9@example.com>',
        '--r--',
      ]),
      { maxAttachmentBytes: 1000 },
    );
    expect(findBounce(read)).toBeUndefined();
  });

  it('keeps who else the customer wrote to, the sanitised HTML with its inline picture ids, and the sender check (a DMARC failure unverifies)', async () => {
    const read = await readEmail(
      mail([
        'From: jane@example.org',
        'To: complaints@example.com, partner@example.org',
        'Cc: Adviser <Adviser@Broker.example>, jane@example.org',
        'Subject: Fees',
        'Message-ID: <html-1@mail.example.org>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/related; boundary="r"',
        '',
        '--r',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p onclick="x()">Why this <b>fee</b>?</p><img src="cid:shot@jane"><script>alert(1)</script>',
        '--r',
        'Content-Type: image/png; name="shot.png"',
        'Content-ID: <shot@jane>',
        'Content-Disposition: inline; filename="shot.png"',
        'Content-Transfer-Encoding: base64',
        '',
        Buffer.from('png-bytes').toString('base64'),
        '--r--',
      ]),
      { maxAttachmentBytes: 1000 },
    );
    expect(read.attachments).toEqual([expect.objectContaining({ inline: true, contentId: 'shot@jane', contentType: 'image/png' })]);
    const auth = { dmarc: 'fail' as const, spf: 'fail' as const, dkim: 'none' as const, fromDomain: 'example.org', checkedBy: 'mailauth' };
    const message = toInboundEmail(read, at, [], NOW, auth)!;
    expect(message.thread?.copied).toEqual(['partner@example.org', 'adviser@broker.example']);
    expect(message.html).toBe('<p>Why this <b>fee</b>?</p><img src="cid:shot@jane" />');
    expect(message.sender.verified).toBe(false);
    expect(message.senderAuth).toEqual(auth);
    expect(toInboundEmail(read, at, [], NOW, { ...auth, dmarc: 'pass' })!.sender.verified).toBe(true);
    expect(toInboundEmail(read, at, [], NOW, { ...auth, dmarc: 'none' })!.sender.verified).toBeUndefined();
  });
});
