import { isEmailStatusAdvance } from './email-mailboxes';
import { classifySmtpFailure } from './email-outbound.sender';

describe('classifySmtpFailure', () => {
  it('treats 5xx replies as permanent, with the server’s words for the agent', () => {
    const error = classifySmtpFailure({ responseCode: 550, response: '550 5.1.1 User unknown', message: 'x' });
    expect([error.retryable, error.code, error.message]).toEqual([false, 'smtp_rejected', 'The mail server refused the message: 550 5.1.1 User unknown']);
  });

  it.each([
    [{ responseCode: 451, response: '451 try later', message: 'x' }],
    [{ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:25' }],
  ])('treats %j as transient, so the bus retries', (failure) => {
    expect(classifySmtpFailure(failure).retryable).toBe(true);
  });
});

describe('isEmailStatusAdvance', () => {
  it('moves queued → sent → failed (a bounce), never back', () => {
    expect(isEmailStatusAdvance('queued', 'sent')).toBe(true);
    expect(isEmailStatusAdvance('sent', 'failed')).toBe(true);
    expect(isEmailStatusAdvance('failed', 'sent')).toBe(false);
    expect(isEmailStatusAdvance('failed', 'failed')).toBe(false);
  });
});
