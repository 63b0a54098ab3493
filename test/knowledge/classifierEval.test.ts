import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/knowledge/classifier.js';
import { evaluateClassifier, parseLabelledUtterances } from '../../src/knowledge/evaluation.js';
import { loadKnowledge } from '../../src/knowledge/loadKnowledge.js';

const knowledge = loadKnowledge();
const classifier = createClassifier(knowledge);
const fixture = (name: string) =>
  parseLabelledUtterances(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8'), name);

describe('classifier quality on the labelled sample set', () => {
  const report = evaluateClassifier(classifier, knowledge.taxonomy, fixture('sample-utterances.jsonl'));

  it('finds the right topic first for at least 90% of the sentences', () => {
    expect(report.top1).toBeGreaterThanOrEqual(0.9);
  });

  it('offers the right topic among the first three for at least 97%', () => {
    expect(report.top3).toBeGreaterThanOrEqual(0.97);
  });

  it('recognises every out-of-scope sentence and calls no in-scope one out of scope', () => {
    expect(report.outOfScopeRecall).toBe(1);
    expect(report.inScopeCalledOutOfScope).toBe(0);
  });

  it('suggests the labelled severity for most sentences that have one', () => {
    expect(report.severityAgreement).toBeGreaterThanOrEqual(0.8);
  });
});

// Our own phrasings, worded differently from the sample set and with typos: the guard against tuning
// to the 40 sample sentences.
describe('classifier quality on extra phrasings', () => {
  const report = evaluateClassifier(classifier, knowledge.taxonomy, fixture('extra-utterances.jsonl'));

  it('keeps top-1 accuracy at 85% or more', () => {
    expect(report.top1).toBeGreaterThanOrEqual(0.85);
  });

  it('keeps top-3 accuracy at 95% or more', () => {
    expect(report.top3).toBeGreaterThanOrEqual(0.95);
  });
});
