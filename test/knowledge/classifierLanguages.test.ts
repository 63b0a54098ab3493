// The classifier in German, Simplified and Traditional Chinese, held to the same floor on our own
// labelled sets (test/fixtures/utterances.<language>.jsonl, admin voice: terse, long, typos, English
// product names inside): top-1 0.85 and top-3 0.95, out-of-scope problems recognised, and at most one
// in-scope problem in fifty called out of scope.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/knowledge/classifier.js';
import { evaluateClassifier, parseLabelledUtterances } from '../../src/knowledge/evaluation.js';
import { loadKnowledge } from '../../src/knowledge/loadKnowledge.js';

const knowledge = loadKnowledge();
const classifier = createClassifier(knowledge);

describe.each(['de', 'zh-Hans', 'zh-Hant'] as const)('classifier quality in %s', (language) => {
  const name = `utterances.${language}.jsonl`;
  const items = parseLabelledUtterances(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'), name);
  const report = evaluateClassifier(classifier, knowledge.taxonomy, items, language);
  const misses = () => report.items.filter((e) => !e.correct).map((e) => `${e.item.text} → ${e.result.topic ?? 'null'} (want ${e.item.topic})`);

  it('has a set of at least 60 labelled problems', () => {
    expect(items.length).toBeGreaterThanOrEqual(60);
  });

  it('finds the right topic first for at least 85%', () => {
    expect(report.top1, misses().join('\n')).toBeGreaterThanOrEqual(0.85);
  });

  it('offers the right topic among the first three for at least 95%', () => {
    expect(report.top3).toBeGreaterThanOrEqual(0.95);
  });

  it('recognises out-of-scope problems and calls at most 2% of in-scope ones out of scope', () => {
    expect(report.outOfScopeRecall).toBeGreaterThanOrEqual(0.9);
    expect(report.inScopeCalledOutOfScope).toBeLessThanOrEqual(Math.floor(report.inScopeCount * 0.02));
  });

  it('answers in the language it was asked in, with articles in that language', () => {
    const sample = report.items.find((e) => e.result.topic && e.result.category !== 'out-of-scope')!;
    expect(sample.result.language).toBe(language);
    expect(sample.result.articles[0]?.language).toBe(language);
  });
});

describe('classifying without being told the language', () => {
  it.each([
    ['Benutzer können keine E-Mails senden', 'de'],
    ['用户无法发送邮件', 'zh-Hans'],
    ['使用者無法傳送郵件', 'zh-Hant'],
    ['users cannot send email', 'en'],
  ])('classifies "%s" in %s', (text, language) => {
    expect(classifier.classify(text).language).toBe(language);
  });
});
