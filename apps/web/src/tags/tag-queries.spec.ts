import { describe, expect, it } from '@jest/globals';
import { isExistingTag, suggestTags } from './tag-queries';

const tag = (id: string, name: string) => ({ id, name, colour: '#2563eb' });
const all = [tag('1', 'Fee refund'), tag('2', 'VIP'), tag('3', 'Refund later'), tag('4', 'AFCA risk')];

describe('suggestTags', () => {
  it('puts names that start with what was typed before names that contain it, ignoring letter case', () => {
    expect(suggestTags(all, 'ref').map((t) => t.name)).toEqual(['Refund later', 'Fee refund']);
  });

  it('leaves out the tags the case already has, and suggests the most used when nothing is typed', () => {
    expect(suggestTags(all, '', [all[0]], 2).map((t) => t.name)).toEqual(['VIP', 'Refund later']);
  });

  it('knows a typed name that is an existing tag, whatever its spaces and letter case', () => {
    expect(isExistingTag(all, '  afca   RISK ')).toBe(true);
    expect(isExistingTag(all, 'afca')).toBe(false);
  });
});
