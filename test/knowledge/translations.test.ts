// Knowledge in four languages: every in-scope topic has an article in each language, technical and
// billing topics as many as in English (where English has two or more), and a translation must be the
// English article in another language (same id, topic, clouds; its language's locale).
import { mkdirSync, mkdtempSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TRANSLATED_LANGUAGES } from '../../src/knowledge/articleSchema.js';
import { KnowledgeError, loadKnowledge } from '../../src/knowledge/loadKnowledge.js';

const knowledge = loadKnowledge();
const count = (articles: readonly { topic: string }[]) => {
  const counts = new Map<string, number>();
  for (const a of articles) counts.set(a.topic, (counts.get(a.topic) ?? 0) + 1);
  return counts;
};
const english = count(knowledge.articles);

describe.each(TRANSLATED_LANGUAGES)('articles in %s', (language) => {
  const translated = count(knowledge.translations[language]);
  const inScope = knowledge.taxonomy.topics.filter((t) => t.category !== 'out-of-scope');

  it.each(inScope.map((t) => [t.id, t.category] as const))('topic %s (%s) has its articles', (topic, category) => {
    const englishCount = english.get(topic) ?? 0;
    const needed = (category === 'technical' || category === 'billing') && englishCount >= 2 ? englishCount : 1;
    expect(translated.get(topic) ?? 0).toBeGreaterThanOrEqual(needed);
  });

  it('writes titles and summaries in the language, not in English', () => {
    const untranslated = knowledge.translations[language].filter((a) => {
      const original = knowledge.articles.find((e) => e.id === a.id)!;
      return a.title === original.title || a.summary === original.summary;
    });
    expect(untranslated.map((a) => a.id)).toEqual([]);
  });
});

describe('a translation that does not match its English article', () => {
  function knowledgeWith(file: string, text: string): () => unknown {
    const dir = mkdtempSync(join(tmpdir(), 'knowledge-'));
    cpSync(new URL('../../knowledge/taxonomy.json', import.meta.url), join(dir, 'taxonomy.json'));
    mkdirSync(join(dir, 'articles', 'de'), { recursive: true });
    cpSync(new URL('../../knowledge/articles/exo-shared-mailbox-create.md', import.meta.url), join(dir, 'articles', 'exo-shared-mailbox-create.md'));
    writeFileSync(join(dir, 'articles', 'de', file), text);
    return () => loadKnowledge(dir);
  }
  const frontMatter = (fields: Record<string, string>) =>
    `---\n${Object.entries({ id: 'exo-shared-mailbox-create', title: 'Freigegebenes Postfach erstellen', summary: 'Ein Postfach für ein Team anlegen.', topic: 'exchange.shared-mailbox', category: 'technical', product: 'Exchange Online', locale: 'de-DE', updated: '2026-12-01', ...fields })
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n')}\nkeywords:\n  - freigegebenes Postfach\n  - Shared Mailbox\n  - Teampostfach\n---\nText.\n`;

  it('loads one that matches', () => {
    expect(() => knowledgeWith('exo-shared-mailbox-create.md', frontMatter({}))()).not.toThrow();
  });

  it.each([
    ['another topic', 'exo-shared-mailbox-create.md', { topic: 'exchange.mail-flow' }, /topic: "exchange.mail-flow" differs from the English article's "exchange.shared-mailbox"/],
    ['the wrong locale', 'exo-shared-mailbox-create.md', { locale: 'en-US' }, /locale: "en-US" must be de-DE/],
    ['no English original', 'exo-made-up.md', { id: 'exo-made-up' }, /has no English article articles\/exo-made-up.md/],
  ])('stops the start with %s, naming the file and field', (_name, file, fields, message) => {
    const load = knowledgeWith(file, frontMatter(fields));
    expect(load).toThrow(KnowledgeError);
    expect(load).toThrow(message);
  });
});
