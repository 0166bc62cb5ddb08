import { stripQuotedReply } from './quoted-reply';
import { adversarialTexts, millisecondsFor, PROMPT_MS } from '../../../../test/support/adversarial-inputs';

describe('stripQuotedReply', () => {
  it('keeps only what the customer wrote above a Gmail-style quote', () => {
    const body = [
      'It is still broken, nobody called me.',
      '',
      'On Mon, 3 Jun 2024 at 10:00, Complaints <complaints@example.com> wrote:',
      '> We are sorry to hear that.',
      '> Kind regards',
    ].join('\r\n');
    expect(stripQuotedReply(body)).toBe('It is still broken, nobody called me.');
  });

  it('handles an attribution wrapped over two lines', () => {
    const body = 'Thanks, but no.\n\nOn Mon, 3 Jun 2024 at 10:00, Complaints <\ncomplaints@example.com> wrote:\n> old';
    expect(stripQuotedReply(body)).toBe('Thanks, but no.');
  });

  it('cuts an Outlook header block and a signature', () => {
    const body = [
      'Please refund me.',
      '',
      '-- ',
      'Jane Citizen',
      '0400 000 000',
      '',
      'From: Complaints <complaints@example.com>',
      'Sent: Monday, 3 June 2024 10:00 AM',
      'Subject: RE: Double charge',
      '',
      'Older text',
    ].join('\n');
    expect(stripQuotedReply(body)).toBe('Please refund me.');
  });

  it('drops device signatures and a trailing quote, keeping interleaved answers', () => {
    const body = '> Which card?\nThe Visa one.\n\n> When?\nYesterday.\n\n> regards\n\nSent from my iPhone';
    expect(stripQuotedReply(body)).toBe('> Which card?\nThe Visa one.\n\n> When?\nYesterday.');
  });

  it('keeps a message that is nothing but a quote rather than blanking it', () => {
    expect(stripQuotedReply('> only quoted\n> text')).toBe('> only quoted\n> text');
  });

  it('leaves a plain message alone', () => {
    expect(stripQuotedReply('Hello,\n\nmy card was charged twice.\n\nJane')).toBe('Hello,\n\nmy card was charged twice.\n\nJane');
  });
});

describe('stripQuotedReply on hostile bodies', () => {
  it.each(Object.entries(adversarialTexts()))('returns promptly on 1 MB of %s', (_name, body) => {
    expect(millisecondsFor(() => stripQuotedReply(body))).toBeLessThan(PROMPT_MS);
  });

  it('still strips what follows a very long line', () => {
    const body = `${'x'.repeat(5_000)}\n\nOn Mon, 3 Jun 2024, Support <s@example.com> wrote:\n> old`;
    expect(stripQuotedReply(body)).toBe('x'.repeat(5_000));
  });

  it('keeps leading indentation but not leading blank lines', () => {
    expect(stripQuotedReply('\n \n  indented\nnext   \n\n')).toBe('  indented\nnext');
  });
});
