import { threadIds } from './thread-lookup';

describe('threadIds', () => {
  it('puts the message replied to first, then the thread from newest to oldest, without repeats or itself', () => {
    expect(
      threadIds({ messageId: '<self@x>', inReplyTo: '<b@x>', references: ['<a@x>', '<b@x>', '<self@x>'] }),
    ).toEqual(['<b@x>', '<a@x>']);
  });

  it('has nothing to match without hints', () => {
    expect(threadIds(undefined)).toEqual([]);
    expect(threadIds({ subject: 'Re: hi' })).toEqual([]);
  });
});
