import { looksTransliterated, readableText } from './transliteration';

describe('transliterated Russian', () => {
  it.each([
    ['pochemu vy opyat snyali komissiyu?', 'почему вы опять сняли комиссию?'],
    ['zdravstvujte, gde moj perevod? uzhe nedelya proshla', 'здравствуйте, где мой перевод? уже неделя прошла'],
    ['spasibo, teper ya bez deneg', 'спасибо, теперь я без денег'],
    ['eto uzhe slishkom, verni dengi', 'это уже слишком, верни деньги'],
  ])('reads %s as Cyrillic', (latin, cyrillic) => {
    expect(looksTransliterated(latin)).toBe(true);
    expect(readableText(latin)).toBe(cyrillic);
  });

  it.each([
    'You charged me twice, I want my money back',
    'No, I do not want a new card',
    'ok',
    'Ya know, the app is down again',
    'Почему вы опять сняли комиссию?',
    'Bank of Melbourne, account 123',
  ])('leaves %s alone', (text) => {
    expect(looksTransliterated(text)).toBe(false);
    expect(readableText(text)).toBe(text);
  });

  it('keeps a capital letter and what is not a word', () => {
    expect(readableText('Spasibo, Anna! Vse prishlo, 500 rub')).toBe('Спасибо, Анна! Все пришло, 500 руб');
  });
});
