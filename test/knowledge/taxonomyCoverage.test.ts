import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadKnowledge } from '../../src/knowledge/loadKnowledge.js';

const knowledge = loadKnowledge();
const countByTopic = new Map<string, number>();
for (const a of knowledge.articles) countByTopic.set(a.topic, (countByTopic.get(a.topic) ?? 0) + 1);

describe('taxonomy coverage', () => {
  it('the product taxonomy is the shared one', () => {
    const shared = new URL('../../../shared/taxonomy.json', import.meta.url);
    let sharedText: string;
    try {
      sharedText = readFileSync(shared, 'utf8');
    } catch {
      return; // shared/ sits beside the repository only on development machines and in CI
    }
    expect(JSON.parse(readFileSync(new URL('../../knowledge/taxonomy.json', import.meta.url), 'utf8'))).toEqual(JSON.parse(sharedText));
  });

  it.each(knowledge.taxonomy.topics.map((t) => [t.id, t.category] as const))('topic %s (%s) has enough articles', (topic, category) => {
    const needed = category === 'technical' || category === 'billing' ? 2 : 1;
    expect(countByTopic.get(topic) ?? 0).toBeGreaterThanOrEqual(needed);
  });

  it('every article declares a topic of the taxonomy', () => {
    const topics = new Set(knowledge.taxonomy.topics.map((t) => t.id));
    expect(knowledge.articles.filter((a) => !topics.has(a.topic)).map((a) => a.id)).toEqual([]);
  });
});
