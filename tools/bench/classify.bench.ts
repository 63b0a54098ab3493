// `npm run bench:classify`: index build time and p50/p99 classification latency, for the real
// knowledge base and for synthetic ones of 1,000 and 10,000 articles (~300-word bodies).
// Goals: p99 < 5 ms on the real knowledge base, < 20 ms at 10,000 articles, build < 5 s at 10,000.
// Wall times are what a user waits; the CPU times beside them are this process's own work, which is
// steadier when other processes compete for the two cores.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { type Article, createClassifier, type Knowledge, loadKnowledge, normalizeText, parseLabelledUtterances, tokenize } from '../../src/knowledge/index.js';

/** Deterministic PRNG (mulberry32) so every run measures the same synthetic articles. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Synthetic articles drawn from the real vocabulary plus made-up words (a large knowledge base has a
 * large vocabulary, which is what spelling correction and the index must cope with), with word
 * frequencies following Zipf's law as in real prose.
 */
function syntheticKnowledge(real: Knowledge, count: number): Knowledge {
  const rand = random(count);
  const realWords = [...new Set(real.articles.flatMap((a) => tokenize(normalizeText(`${a.title} ${a.keywords.join(' ')} ${a.body}`))))];
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const madeUp = Array.from({ length: Math.min(40_000, count * 4) }, () => {
    const length = 4 + Math.floor(rand() * 8);
    return Array.from({ length }, () => letters[Math.floor(rand() * 26)]).join('');
  });
  const words = [...realWords, ...madeUp];
  // Zipf: the word at rank r is drawn with probability ~ 1/r; sample via the inverse of the harmonic CDF.
  const harmonic = Math.log(words.length) + 0.5772;
  const word = () => words[Math.min(words.length - 1, Math.floor(Math.exp(rand() * harmonic)) - 1)]!;
  const phrase = (n: number) => Array.from({ length: n }, word).join(' ');
  const topics = real.taxonomy.topics;
  const articles: Article[] = Array.from({ length: count }, (_, i) => {
    const topic = topics[i % topics.length]!;
    return {
      id: `synthetic-${i}`,
      title: phrase(6),
      summary: phrase(16),
      topic: topic.id,
      category: topic.category,
      product: topic.product,
      keywords: Array.from({ length: 14 }, () => phrase(1 + Math.floor(rand() * 3))),
      locale: 'en-US',
      updated: '2026-11-01',
      body: Array.from({ length: 20 }, () => `${phrase(15)}.`).join(' '),
      file: `synthetic-${i}.md`,
      language: 'en',
    };
  });
  return { taxonomy: real.taxonomy, articles, translations: { de: [], 'zh-Hans': [], 'zh-Hant': [] } };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function measure(name: string, knowledge: Knowledge, queries: string[], rounds: number): void {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const classifier = createClassifier(knowledge);
  const buildMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  // CPU time of this process (all its threads, GC included): steadier than wall time when other
  // processes share the two cores.
  const buildCpuMs = (cpu.user + cpu.system) / 1000;
  for (const q of queries.slice(0, 20)) classifier.classify(q); // warm-up (JIT)
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const q of queries) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      classifier.classify(q);
      times.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpuTimes.push((c.user + c.system) / 1000);
    }
  }
  times.sort((a, b) => a - b);
  cpuTimes.sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(2).padStart(7);
  console.log(
    `${name.padEnd(19)} ${String(knowledge.articles.length).padStart(6)} articles  build ${f(buildMs)} ms (cpu ${f(buildCpuMs)})  ` +
      `p50 ${f(percentile(times, 50))} ms  p99 ${f(percentile(times, 99))} ms (cpu p99 ${f(percentile(cpuTimes, 99))})  ${times.length} queries`,
  );
}

const fixture = (name: string) =>
  parseLabelledUtterances(readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8')).map((u) => u.text);
// Real admin-style sentences, typos included; the same set runs against every knowledge base.
const queries = [...fixture('sample-utterances.jsonl'), ...fixture('extra-utterances.jsonl')];

const real = loadKnowledge();
measure('real knowledge base', real, queries, 10);
measure('synthetic 1,000', syntheticKnowledge(real, 1_000), queries, 5);
measure('synthetic 10,000', syntheticKnowledge(real, 10_000), queries, 3);
