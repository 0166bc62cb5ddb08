import { findMentions, type MentionableStaff } from './note-mentions';

const staff: MentionableStaff[] = [
  { id: 'u1', name: 'Priya Shah', email: 'priya.shah@bank.example' },
  { id: 'u2', name: 'Sam Lee', email: 'slee@bank.example' },
  { id: 'u3', name: 'Sam Ortiz', email: 'sortiz@bank.example' },
  { id: 'u4', name: 'Zoë Brandt', email: 'zb@bank.example' },
];

describe('findMentions', () => {
  it('matches by email local part, full name run together or dotted, and first name, ignoring case', () => {
    expect(findMentions('@priya.shah please look', staff).map((m) => m.userId)).toEqual(['u1']);
    expect(findMentions('cc @PriyaShah', staff).map((m) => m.userId)).toEqual(['u1']);
    expect(findMentions('@slee and @sortiz', staff).map((m) => m.userId)).toEqual(['u2', 'u3']);
    expect(findMentions('thanks @zoë!', staff)).toEqual([{ userId: 'u4', name: 'Zoë Brandt', token: 'zoë' }]);
  });

  it('names nobody when the name fits more than one colleague', () => {
    expect(findMentions('@sam can you call back?', staff)).toEqual([]);
  });

  it('ignores email addresses, unknown names and repeats', () => {
    expect(findMentions('wrote to priya@bank.example', staff)).toEqual([]);
    expect(findMentions('@nobody here', staff)).toEqual([]);
    expect(findMentions('@priya then @priya.shah again.', staff).map((m) => m.token)).toEqual(['priya']);
  });
});
