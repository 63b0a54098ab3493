import { describe, expect, it } from 'vitest';
import { buildVocabulary, correctWord, editDistance } from '../../src/knowledge/spellCorrect.js';
import { analyze, stem } from '../../src/knowledge/textNormalize.js';

describe('analyze', () => {
  it.each([
    ['licences', 'license'],
    ['Licensing', 'license'],
    ['addresses', 'address'],
    ['installing', 'install'],
    ['cancelled', 'canceled'],
  ])('brings "%s" and "%s" to the same stem', (a, b) => {
    expect(analyze(a)).toEqual(analyze(b));
  });

  it('keeps compounds that tokenising would split', () => {
    expect(analyze('give her Send As rights')).toContain('sendas');
    expect(analyze('the Salesforce add-in')).toContain('addin');
    expect(analyze('single sign-on broke')).toContain('sso');
  });

  it('drops stop words and accents', () => {
    expect(analyze('Where is the Café menu?')).toEqual([stem('cafe'), stem('menu')]);
  });
});

describe('spelling correction', () => {
  const vocabulary = buildVocabulary(
    new Map([
      ['down', 20],
      ['cancel', 10],
      ['addresses', 8],
      ['send', 30],
      ['sent', 5],
      ['town', 1],
      ['synchronization', 3],
    ]),
  );

  it.each([
    ['donw', 'down'],
    ['cancle', 'cancel'],
    ['adresses', 'addresses'],
    ['syncronization', 'synchronization'],
  ])('corrects "%s" to "%s"', (typo, word) => {
    expect(correctWord(vocabulary, typo)?.to).toBe(word);
  });

  it('leaves known words alone', () => {
    expect(correctWord(vocabulary, 'sent')).toBeUndefined();
  });

  it('prefers the more frequent of two equally close words', () => {
    const licences = buildVocabulary(new Map([['licenses', 10], ['licensed', 2]]));
    expect(correctWord(licences, 'licensez')?.to).toBe('licenses');
  });

  it.each([
    ['dwn', 'too short to correct safely'],
    ['sown', 'one changed letter in a short word is more likely another word'],
  ])('leaves "%s" alone: %s', (word) => {
    expect(correctWord(vocabulary, word)).toBeUndefined();
  });

  it('does not correct a word with nothing close', () => {
    expect(correctWord(vocabulary, 'pizza')).toBeUndefined();
  });

  it('counts a transposition as one edit', () => {
    expect(editDistance('cancle', 'cancel', 2)).toBe(1);
  });
});
