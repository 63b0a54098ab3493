import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KnowledgeError, loadKnowledge } from '../../src/knowledge/loadKnowledge.js';

const taxonomyFile = new URL('../../knowledge/taxonomy.json', import.meta.url);

interface FrontMatter {
  [field: string]: unknown;
}

const goodFrontMatter: FrontMatter = {
  id: 'exo-shared-mailbox-create',
  title: 'Create a shared mailbox',
  summary: 'Set up a shared mailbox such as info@ for a team.',
  topic: 'exchange.shared-mailbox',
  category: 'technical',
  product: 'Exchange Online',
  keywords: ['shared mailbox', 'team inbox', 'info@ mailbox'],
  locale: 'en-US',
  updated: '2026-11-01',
};

function yamlOf(fm: FrontMatter): string {
  return Object.entries(fm)
    .map(([k, v]) => (Array.isArray(v) ? `${k}:\n${v.map((x) => `  - ${x}`).join('\n')}` : `${k}: ${String(v)}`))
    .join('\n');
}

const article = (fm: FrontMatter, body = 'Some steps.\n') => `---\n${yamlOf(fm)}\n---\n${body}`;

let dirs: string[] = [];
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

/** A knowledge folder with the real taxonomy and the given article files. */
function knowledgeDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'knowledge-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'articles'));
  copyFileSync(taxonomyFile, join(dir, 'taxonomy.json'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'articles', name), text);
  return dir;
}

function problemsOf(dir: string): string[] {
  try {
    loadKnowledge(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(KnowledgeError);
    return [...(error as KnowledgeError).problems];
  }
  throw new Error('expected loadKnowledge to fail');
}

describe('loadKnowledge', () => {
  it('loads the project knowledge base with its taxonomy', () => {
    const knowledge = loadKnowledge();
    expect(knowledge.taxonomy.topics.length).toBeGreaterThan(30);
    expect(knowledge.articles.length).toBeGreaterThan(40);
    expect(knowledge.articles.every((a) => a.body.length > 0)).toBe(true);
  });

  it('accepts a valid article and keeps its body without the front matter', () => {
    const dir = knowledgeDir({ 'exo-shared-mailbox-create.md': article(goodFrontMatter, '\nA shared mailbox gives a team one address.\n') });
    const [loaded] = loadKnowledge(dir).articles;
    expect(loaded).toMatchObject({ id: 'exo-shared-mailbox-create', topic: 'exchange.shared-mailbox', updated: '2026-11-01' });
    expect(loaded!.body).toBe('A shared mailbox gives a team one address.');
  });

  it.each([
    ['a missing field', { ...goodFrontMatter, summary: undefined }, 'summary'],
    ['keywords given as a string', { ...goodFrontMatter, keywords: 'shared mailbox' }, 'keywords'],
    ['a topic not in the taxonomy', { ...goodFrontMatter, topic: 'exchange.no-such-topic' }, 'topic'],
    ['a category that does not match the topic', { ...goodFrontMatter, category: 'billing' }, 'category'],
    ['a product that does not match the topic', { ...goodFrontMatter, product: 'SharePoint Online' }, 'product'],
    ['a date that is not ISO', { ...goodFrontMatter, updated: '1 Nov 2026' }, 'updated'],
    ['an unknown field', { ...goodFrontMatter, keyword: 'typo' }, '(front matter)'],
  ])('rejects %s, naming the file and the field', (_case, fm, field) => {
    const cleaned = Object.fromEntries(Object.entries(fm).filter(([, v]) => v !== undefined));
    const problems = problemsOf(knowledgeDir({ 'exo-shared-mailbox-create.md': article(cleaned) }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('exo-shared-mailbox-create.md: ');
    expect(problems[0]).toContain(`: ${field}`);
  });

  it('reports the zod reason for a wrongly typed field', () => {
    const [problem] = problemsOf(knowledgeDir({ 'exo-shared-mailbox-create.md': article({ ...goodFrontMatter, keywords: 'mailbox' }) }));
    expect(problem).toMatch(/exo-shared-mailbox-create\.md: keywords: .*expected array, received string/);
  });

  it('rejects front matter that is not valid YAML', () => {
    const text = '---\nid: exo-shared-mailbox-create\ntitle: "Autodiscover: unterminated\n---\nBody\n';
    const [problem] = problemsOf(knowledgeDir({ 'exo-shared-mailbox-create.md': text }));
    expect(problem).toMatch(/exo-shared-mailbox-create\.md: \(front matter\): invalid YAML/);
  });

  it('rejects a file without front matter', () => {
    const [problem] = problemsOf(knowledgeDir({ 'exo-notes.md': 'Just some notes\n' }));
    expect(problem).toMatch(/exo-notes\.md: \(front matter\): missing/);
  });

  it('rejects an id that differs from the file name', () => {
    const [problem] = problemsOf(knowledgeDir({ 'exo-other-name.md': article(goodFrontMatter) }));
    expect(problem).toMatch(/exo-other-name\.md: id: .*must equal the file name/);
  });

  it('rejects the same id used twice', () => {
    const problems = problemsOf(
      knowledgeDir({
        'exo-shared-mailbox-create.md': article(goodFrontMatter),
        'exo-shared-mailbox-create-copy.md': article(goodFrontMatter),
      }),
    );
    expect(problems.some((p) => /exo-shared-mailbox-create\.md: id: duplicate id/.test(p))).toBe(true);
  });

  it('lists every problem of every file in one error', () => {
    const problems = problemsOf(
      knowledgeDir({
        'exo-a.md': article({ ...goodFrontMatter, id: 'exo-a', locale: 'english' }),
        'exo-b.md': article({ ...goodFrontMatter, id: 'exo-b', topic: 'nope.nope' }),
      }),
    );
    expect(problems.map((p) => p.replace(/^.*[\\/]/, '').split(':').slice(0, 2).join(':'))).toEqual(['exo-a.md: locale', 'exo-b.md: topic']);
  });

  it('rejects an empty body', () => {
    const [problem] = problemsOf(knowledgeDir({ 'exo-shared-mailbox-create.md': article(goodFrontMatter, '\n') }));
    expect(problem).toMatch(/exo-shared-mailbox-create\.md: body: must not be empty/);
  });
});
