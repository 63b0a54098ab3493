import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/knowledge/classifier.js';
import { loadKnowledge } from '../../src/knowledge/loadKnowledge.js';

const knowledge = loadKnowledge();
const classifier = createClassifier(knowledge);
const categories = new Set<string>(knowledge.taxonomy.categories);
const topics = new Set(knowledge.taxonomy.topics.map((t) => t.id));

describe('classify: typos', () => {
  it.each([
    ['cant sent mail to external adresses', 'exchange.mail-flow'],
    ['our main sharepoint site is donw', 'sharepoint.site-unavailable'],
    ['how do i cancle my subscription', 'billing.cancel'],
    ['need to add a shraed mailbox for the sales team', 'exchange.shared-mailbox'],
    ['autodiscovr record is wrong and outlook wont connect', 'exchange.autodiscover'],
    ['how do we add more licneses to our plan', 'billing.licenses'],
    ['directroy synchronisation keeps failing', 'config.directory-sync'],
    ['where do i find the invocie for last month', 'billing.understand-bill'],
  ])('%s → %s', (text, topic) => {
    expect(classifier.classify(text).topic).toBe(topic);
  });
});

describe('classify: out of scope', () => {
  it.each([
    ["what's the weather in seattle tomorrow", 'oos.unrelated'],
    ['tell me a good recipe for lasagna', 'oos.unrelated'],
    ['who won the football game last night', 'oos.unrelated'],
    ['my outlook.com account at home was hacked', 'oos.not-admin'],
    ["I'm not an admin, my boss asked me to get a license", 'oos.not-admin'],
    ['our firewall blocks teams traffic', 'oos.customer-network'],
    ['the docusign add-in does not load in outlook', 'oos.third-party'],
    ['please debug my powershell script that sets mailbox quotas', 'oos.scripts'],
  ])('%s → %s', (text, topic) => {
    const result = classifier.classify(text);
    expect(result.topic).toBe(topic);
    expect(result.category).toBe('out-of-scope');
  });

  it.each([
    ['how do we migrate our gmail mailboxes to exchange online', 'exchange.mailbox-migration'],
    ["I'm building a sharepoint add-in and need developer help", 'support.developer'],
    ['add a txt record at our registrar to verify the domain', 'config.domains'],
    ['set up single sign-on with okta', 'config.sso'],
  ])('does not push the in-scope "%s" out of scope', (text, topic) => {
    const result = classifier.classify(text);
    expect(result.category).not.toBe('out-of-scope');
    expect(result.topic).toBe(topic);
  });

  it('answers an unrelated question with confidence', () => {
    expect(classifier.classify('can you recommend a good pizza place nearby').confidence).toBeGreaterThanOrEqual(0.6);
  });
});

describe('classify: clarifying questions', () => {
  it.each([
    ['question about our subscription', 'billing'],
    ['problem with outlook', 'technical'],
  ])('leaves the topic of the vague "%s" null, offers two or three candidates and still guesses the category', (text, category) => {
    const result = classifier.classify(text);
    expect(result.topic).toBeNull();
    expect(result.candidates!.length).toBeGreaterThanOrEqual(2);
    expect(result.candidates!.length).toBeLessThanOrEqual(3);
    expect(result.candidates!.every((c) => topics.has(c.topic))).toBe(true);
    expect(result.category).toBe(category);
  });

  it('offers no candidates when it is sure', () => {
    const result = classifier.classify('set up a shared mailbox for info@ that three people can read');
    expect(result.topic).toBe('exchange.shared-mailbox');
    expect(result.candidates).toBeUndefined();
  });
});

describe('classify: result shape', () => {
  const result = classifier.classify('users cannot join teams meetings');

  it('names a taxonomy category and topic with a confidence between 0 and 1', () => {
    expect(categories.has(result.category)).toBe(true);
    expect(topics.has(result.topic!)).toBe(true);
    expect(result.confidence).toBeGreaterThan(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });

  it('ranks articles best first, led by the chosen topic', () => {
    expect(result.articles.length).toBeGreaterThan(0);
    expect(result.articles[0]!.topic).toBe(result.topic);
    const scores = result.articles.map((a) => a.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('keeps the text it was given', () => {
    expect(result.text).toBe('users cannot join teams meetings');
  });
});

describe('search', () => {
  it('returns articles for a query, best first', () => {
    const hits = classifier.search('shared mailbox', 3);
    expect(hits).toHaveLength(3);
    expect(hits[0]!.topic).toBe('exchange.shared-mailbox');
  });

  it('returns nothing for a text with no known words', () => {
    expect(classifier.search('zzzz qqqq')).toEqual([]);
  });
});
