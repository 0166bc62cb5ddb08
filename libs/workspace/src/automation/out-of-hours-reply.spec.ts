import { outOfHoursReplyText } from './out-of-hours-reply';

describe('the out-of-hours reply', () => {
  const mondayNine = new Date('2026-03-01T22:00:00Z'); // Monday 2 March 2026, 09:00 in Sydney

  it('says when the team opens again, in the firm’s time zone, in English', () => {
    const { language, text } = outOfHoursReplyText('en', mondayNine, 'Australia/Sydney');
    expect(language).toBe('en');
    expect(text).toContain('opens again on Monday 2 March at 9:00 am');
  });

  it('answers in Russian to a Russian message, and in English to any other language', () => {
    expect(outOfHoursReplyText('ru', mondayNine, 'Australia/Sydney').text).toMatch(/^Спасибо.*понедельник, 2 марта.*9:00/);
    expect(outOfHoursReplyText('de', mondayNine, 'Australia/Sydney').language).toBe('en');
  });
});
