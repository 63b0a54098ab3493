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

  it.each([
    ['give her Send As rights', 'sendas'],
    ['the boss wants his PA to send emails as him', 'sendas'],
    ['the Salesforce add-in', 'addin'],
    ['a plug-in for Outlook', 'addin'],
    ['single sign-on broke', 'sso'],
    ['users cannot log in', 'signin'],
    ['no one can sign-in', 'nobody'],
    ['3rd-party tools', 'thirdparty'],
    ['our on-premises server', 'onprem'],
    ['re-delegate the name servers', stem('redelegate')],
    ['AD FS farm', 'adfs'],
    ['E-mail bounces', 'email'],
  ])('keeps the compound in "%s" as one term (%s)', (text, term) => {
    expect(analyze(text)).toContain(term);
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
