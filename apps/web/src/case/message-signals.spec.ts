import { describe, expect, it } from '@jest/globals';
import type { Classification } from '@inbox/contracts';
import { messageSignalTags } from './message-signals';

const noise: Classification = { kind: 'noise', confidence: 0.9, category: null, product: null, issue: null, urgency: 'normal', vulnerability: [], sentiment: 0, language: 'en', source: 'model' };

describe('messageSignalTags', () => {
  it('shows an answer to the satisfaction question as its rating, never as noise', () => {
    expect(messageSignalTags({ ...noise, satisfactionScore: 5 }).map((t) => t.text)).toEqual(['Rating 5/5']);
  });

  it('names a bare number that answered nothing as the kind triage read', () => {
    expect(messageSignalTags(noise).map((t) => t.text)).toEqual(['Noise']);
  });

  it('adds urgency, vulnerability, language and the agent’s correction', () => {
    const tags = messageSignalTags({ ...noise, kind: 'enquiry', urgency: 'high', vulnerability: ['hardship'], language: 'ru', source: 'agent' });
    expect(tags.map((t) => t.text)).toEqual(['Enquiry', 'Urgent', 'Financial hardship', 'RU', 'Corrected by an agent']);
  });
});
