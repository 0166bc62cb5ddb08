import { describe, expect, it } from '@jest/globals';
import { noteSegments } from './note-segments';

describe('noteSegments', () => {
  const bob = { userId: 'u1', name: 'Bob Marr', token: 'bob.marr' };

  it('marks the @names the server matched, and nothing else', () => {
    expect(noteSegments('Can @bob.marr call? cc @bo', [bob])).toEqual([
      { text: 'Can ' },
      { text: '@bob.marr', mention: bob },
      { text: ' call? cc @bo' },
    ]);
  });

  it('leaves a note without mentions whole, and does not mark an email address', () => {
    expect(noteSegments('mail x@bob.marr.example', [bob])).toEqual([{ text: 'mail x@bob.marr.example' }]);
    expect(noteSegments('plain', undefined)).toEqual([{ text: 'plain' }]);
  });
});
