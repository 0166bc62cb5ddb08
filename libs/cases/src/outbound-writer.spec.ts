import { outboundVisibility } from './outbound-writer';

describe('outboundVisibility', () => {
  it('keeps an agent’s choice, whatever the customer wrote', () => {
    expect(outboundVisibility({ channel: 'instagram', authorUserId: 'agent-1', visibility: 'public', answeredVisibility: 'public' })).toBe('public');
    expect(outboundVisibility({ channel: 'instagram', authorUserId: 'agent-1', visibility: 'private', answeredVisibility: 'public' })).toBe('private');
    expect(outboundVisibility({ channel: 'instagram', authorUserId: 'agent-1', answeredVisibility: 'public' })).toBeUndefined();
  });

  it('sends a system message answering a public comment privately', () => {
    expect(outboundVisibility({ channel: 'instagram', authorUserId: null, answeredVisibility: 'public' })).toBe('private');
  });

  it('answers a public comment publicly with a system text written to be published (the acknowledgement)', () => {
    expect(outboundVisibility({ channel: 'instagram', authorUserId: null, answeredVisibility: 'public', publicSafe: true })).toBe('public');
    expect(outboundVisibility({ channel: 'facebook', authorUserId: null, answeredVisibility: null, publicSafe: true })).toBe('public');
    // On a private thread the same text goes as the thread goes.
    expect(outboundVisibility({ channel: 'instagram', authorUserId: null, answeredVisibility: 'private', publicSafe: true })).toBeUndefined();
  });

  it('records nothing for a system message on a private thread or a channel without public threads', () => {
    expect(outboundVisibility({ channel: 'instagram', authorUserId: null, answeredVisibility: 'private' })).toBeUndefined();
    expect(outboundVisibility({ channel: 'instagram', authorUserId: null, answeredVisibility: null })).toBeUndefined();
    expect(outboundVisibility({ channel: 'sms', authorUserId: null, answeredVisibility: null })).toBeUndefined();
  });

  it('reads an answered message of unknown kind on a comment channel (Facebook) as public', () => {
    expect(outboundVisibility({ channel: 'facebook', authorUserId: null, answeredVisibility: null })).toBe('private');
    expect(outboundVisibility({ channel: 'facebook', authorUserId: 'agent-1', answeredVisibility: null })).toBeUndefined();
  });
});
