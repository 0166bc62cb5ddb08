import { deterministicMessageId } from './deterministic-message-id';

describe('deterministicMessageId', () => {
  it('is stable for the same provider message and differs otherwise', () => {
    const a = deterministicMessageId('sms', '+61400000000', 'SM1');
    expect(deterministicMessageId('sms', '+61400000000', 'SM1')).toBe(a);
    expect(deterministicMessageId('sms', '+61400000001', 'SM1')).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
