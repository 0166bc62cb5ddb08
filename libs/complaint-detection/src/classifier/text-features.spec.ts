import { detectLanguage, extractFeatures, normalizeText, stem, stems, wordsOf } from './text-features';

describe('text features', () => {
  it('detects Russian and English by script, English when there are no letters', () => {
    expect(detectLanguage('Списали комиссию за карту')).toBe('ru');
    expect(detectLanguage('You charged me twice')).toBe('en');
    expect(detectLanguage('мой PIN не работает, SMS не приходит')).toBe('ru');
    expect(detectLanguage('👍')).toBe('en');
  });

  it('lowercases, folds ё to е and splits on anything that is not a letter or digit', () => {
    expect(normalizeText('ЕЩЁ Раз')).toBe('еще раз');
    expect(wordsOf("Why?? I can't — see https://x.example/a $15!")).toEqual(['why', 'i', "can't", 'see', '#']);
  });

  it('brings Russian inflections of one word to one stem', () => {
    const forms = ['списали', 'списание', 'списать', 'списания'].map(stem);
    expect(new Set(forms).size).toBe(1);
    expect(stem('заблокировали')).toBe(stem('заблокирована'));
    expect(stem('карты')).toBe(stem('карту'));
  });

  it('strips common English suffixes but keeps short words', () => {
    expect(stem('charged')).toBe('charg');
    expect(stem('charges')).toBe('charg');
    expect(stem('fees')).toBe('fee');
    expect(stem('was')).toBe('was');
    expect(stems('cards declined')).toEqual(['card', 'declin']);
  });

  it('emits stemmed unigrams, bigrams, character n-grams and shape features', () => {
    const features = extractFeatures('Card DECLINED!! http://x.example 😡');
    expect(features).toEqual(expect.arrayContaining(['w:card', 'w:declin', 'b:card_declin', 'c:^ca', 'c:ard$', 'url', 'emoji', 'exclaim']));
    expect(extractFeatures('👍👍')).toEqual(expect.arrayContaining(['emoji-only', 'len:0']));
    expect(extractFeatures('ВЕРНИТЕ МОИ ДЕНЬГИ')).toContain('shouting');
  });
});
