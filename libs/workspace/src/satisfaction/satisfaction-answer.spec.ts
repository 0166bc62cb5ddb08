import { customerLanguage, parseSatisfactionAnswer, satisfactionQuestion } from './satisfaction-answer';

describe('parseSatisfactionAnswer', () => {
  it.each([
    ['5', 5],
    [' 4 ', 4],
    ['1.', 1],
    ['3!', 3],
    ['5/5', 5],
    ['4 out of 5', 4],
    ['2 stars', 2],
    ['Five', 5],
    ['four!', 4],
    ['пять', 5],
    ['Четыре', 4],
    ['две', 2],
    ['3 из 5', 3],
    ['5 баллов', 5],
    ['⭐⭐⭐⭐', 4],
    ['«5»', 5],
  ])('reads %j as %d', (text, score) => {
    expect(parseSatisfactionAnswer(text)).toBe(score);
  });

  it.each(['0', '6', '10', '55', '', 'thanks', 'My card was charged twice again', '2 cards were charged', 'one more problem', '5 minutes ago you took my money'])(
    'does not take %j as an answer',
    (text) => {
      expect(parseSatisfactionAnswer(text)).toBeNull();
    },
  );
});

describe('satisfaction question', () => {
  it('asks in the customer’s language and offers 1–5 as choices', () => {
    expect(satisfactionQuestion('C-000001', 'en').text).toMatch(/C-000001.*1.*5/);
    expect(satisfactionQuestion('C-000001', 'ru').text).toMatch(/C-000001.*от 1.*до 5/);
    expect(satisfactionQuestion('C-000001', 'en').choices).toEqual(['1', '2', '3', '4', '5']);
  });

  it('detects Russian from the customer’s words or their classification', () => {
    expect(customerLanguage({ text: 'С меня дважды списали деньги' })).toBe('ru');
    expect(customerLanguage({ text: 'I was charged twice' })).toBe('en');
    expect(customerLanguage({ text: '12345', language: 'ru' })).toBe('ru');
    expect(customerLanguage(undefined)).toBe('en');
  });
});
