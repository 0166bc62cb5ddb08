import { outboundVisibility } from './outbound-writer';

describe('outboundVisibility', () => {
  it('keeps an agent’s choice, whatever the customer wrote', () => {
    expect(outboundVisibility({ authorUserId: 'agent-1', visibility: 'public', answeredVisibility: 'public' })).toBe('public');
    expect(outboundVisibility({ authorUserId: 'agent-1', visibility: 'private', answeredVisibility: 'public' })).toBe('private');
    expect(outboundVisibility({ authorUserId: 'agent-1', answeredVisibility: 'public' })).toBeUndefined();
  });

  it('sends a system message answering a public comment privately', () => {
    expect(outboundVisibility({ authorUserId: null, answeredVisibility: 'public' })).toBe('private');
  });

  it('records nothing for a system message on a private thread or a channel without public threads', () => {
    expect(outboundVisibility({ authorUserId: null, answeredVisibility: 'private' })).toBeUndefined();
    expect(outboundVisibility({ authorUserId: null, answeredVisibility: null })).toBeUndefined();
  });
});
