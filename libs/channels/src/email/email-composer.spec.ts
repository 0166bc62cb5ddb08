import type { OutboundMessage } from '@inbox/contracts';
import { composeEmailReply, replySubject, simpleHtml } from './email-composer';

const reply: OutboundMessage = {
  messageId: '6f1c0a52-0000-4000-8000-000000000001',
  caseId: 'case-1',
  channel: 'email',
  account: 'complaints@example.com',
  recipient: 'jane@example.org',
  text: 'We have refunded you.\n\nKind regards,\nAlex',
  thread: { caseReference: 'C-000042' },
};

describe('composeEmailReply', () => {
  it('threads the reply to the customer’s mail and tags the subject with the case', () => {
    const mail = composeEmailReply(
      reply,
      { messageId: '<c2@example.org>', references: ['<c1@example.org>', '<ours@example.com>'], subject: 'Re: Double charge' },
      'Complaints <complaints@example.com>',
    );
    expect(mail).toEqual(
      expect.objectContaining({
        from: 'Complaints <complaints@example.com>',
        to: 'jane@example.org',
        subject: 'Re: Double charge [C-000042]',
        messageId: '<6f1c0a52-0000-4000-8000-000000000001@example.com>',
        inReplyTo: '<c2@example.org>',
        references: ['<c1@example.org>', '<ours@example.com>', '<c2@example.org>'],
        text: reply.text,
      }),
    );
    expect(mail.html).toContain('<p>We have refunded you.</p>');
    expect(mail.html).toContain('Kind regards,<br>Alex');
  });

  it('works without a thread', () => {
    const mail = composeEmailReply(reply, undefined, 'complaints@example.com');
    expect([mail.subject, mail.inReplyTo, mail.references]).toEqual(['Your complaint [C-000042]', undefined, []]);
  });
});

describe('replySubject', () => {
  it.each([
    ['Double charge', 'Re: Double charge [C-000042]'],
    ['RE: Re: Fwd: Double charge', 'Re: Double charge [C-000042]'],
    ['Re: Double charge [C-000042]', 'Re: Double charge [C-000042]'],
    ['AW: Doppelte Abbuchung', 'Re: Doppelte Abbuchung [C-000042]'],
  ])('%s → %s', (original, expected) => {
    expect(replySubject(original, 'C-000042')).toBe(expected);
  });
});

describe('simpleHtml', () => {
  it('escapes what the agent typed', () => {
    expect(simpleHtml('<script>x</script> & "y"')).toContain('<p>&lt;script&gt;x&lt;/script&gt; &amp; &quot;y&quot;</p>');
  });
});
