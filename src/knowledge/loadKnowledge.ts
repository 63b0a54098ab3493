// Reads knowledge/taxonomy.json and every knowledge/articles/*.md, validates them and checks that they
// agree with each other. Knowledge is edited without touching code, so a bad file must stop start-up
// with a message an editor can act on: the file, the field and the reason, for every problem at once.
import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import {
  articleFrontMatterSchema,
  taxonomySchema,
  type Article,
  type Knowledge,
  type Taxonomy,
} from './articleSchema.js';
import { fromProjectRoot } from '../projectRoot.js';

/** knowledge/ at the project root, resolved from this module so it works from src/, tests and the CLI. */
export const defaultKnowledgeDir = fromProjectRoot('knowledge');

export class KnowledgeError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid knowledge files:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'KnowledgeError';
  }
}

/** Shows a path relative to the working directory when it lies inside it, as editors think of files. */
function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(front matter)';
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join('');
}

function zodProblems(file: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => `${displayPath(file)}: ${formatPath(issue.path)}: ${issue.message}`);
}

function loadTaxonomy(file: string, problems: string[]): Taxonomy | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${displayPath(file)}: (file): ${(error as Error).message}`);
    return undefined;
  }
  const result = taxonomySchema.safeParse(raw);
  if (!result.success) {
    problems.push(...zodProblems(file, result.error));
    return undefined;
  }
  const seen = new Set<string>();
  for (const [i, topic] of result.data.topics.entries()) {
    if (seen.has(topic.id)) problems.push(`${displayPath(file)}: topics[${i}].id: duplicate topic id "${topic.id}"`);
    seen.add(topic.id);
    if (!result.data.categories.includes(topic.category)) {
      problems.push(`${displayPath(file)}: topics[${i}].category: "${topic.category}" is not in categories`);
    }
  }
  return result.data;
}

const frontMatterPattern = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Parses one article file; returns undefined and records problems when it is not valid on its own. */
export function parseArticle(file: string, text: string, problems: string[]): Article | undefined {
  const where = displayPath(file);
  const match = frontMatterPattern.exec(text);
  if (!match) {
    problems.push(`${where}: (front matter): missing; the file must start with a YAML block between two --- lines`);
    return undefined;
  }
  let data: unknown;
  try {
    data = parseYaml(match[1]!);
  } catch (error) {
    problems.push(`${where}: (front matter): invalid YAML: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  }
  const result = articleFrontMatterSchema.safeParse(data ?? {});
  if (!result.success) {
    problems.push(...zodProblems(file, result.error));
    return undefined;
  }
  const body = text.slice(match[0].length).trim();
  if (!body) {
    problems.push(`${where}: body: must not be empty; write the article below the front matter`);
    return undefined;
  }
  return { ...result.data, body, file };
}

/** Problems that only show against the taxonomy or the other articles. */
function crossCheck(articles: Article[], taxonomy: Taxonomy, problems: string[]): void {
  const topics = new Map(taxonomy.topics.map((t) => [t.id, t]));
  const owners = new Map<string, string>();
  for (const article of articles) {
    const where = displayPath(article.file);
    const expectedId = article.file.replace(/^.*[\\/]/, '').replace(/\.md$/, '');
    if (article.id !== expectedId) problems.push(`${where}: id: "${article.id}" must equal the file name "${expectedId}"`);
    const previous = owners.get(article.id);
    if (previous) problems.push(`${where}: id: duplicate id "${article.id}", also used by ${displayPath(previous)}`);
    else owners.set(article.id, article.file);
    const topic = topics.get(article.topic);
    if (!topic) {
      problems.push(`${where}: topic: "${article.topic}" is not a topic id in taxonomy.json`);
      continue;
    }
    if (article.category !== topic.category) {
      problems.push(`${where}: category: "${article.category}" does not match topic ${topic.id}, whose category is "${topic.category}"`);
    }
    if (article.product !== topic.product) {
      problems.push(`${where}: product: "${article.product}" does not match topic ${topic.id}, whose product is "${topic.product}"`);
    }
  }
}

/**
 * Loads the knowledge base from `dir` (default: the project's knowledge/ folder), which holds
 * taxonomy.json and articles/*.md. Throws a KnowledgeError listing every problem found.
 */
export function loadKnowledge(dir: string = defaultKnowledgeDir): Knowledge {
  const problems: string[] = [];
  const taxonomy = loadTaxonomy(join(dir, 'taxonomy.json'), problems);
  const articlesDir = join(dir, 'articles');
  let files: string[] = [];
  try {
    files = readdirSync(articlesDir).filter((f) => f.endsWith('.md')).sort();
  } catch (error) {
    problems.push(`${displayPath(articlesDir)}: (folder): ${(error as Error).message}`);
  }
  const articles: Article[] = [];
  for (const name of files) {
    const file = join(articlesDir, name);
    const article = parseArticle(file, readFileSync(file, 'utf8'), problems);
    if (article) articles.push(article);
  }
  if (taxonomy) crossCheck(articles, taxonomy, problems);
  if (files.length === 0 && problems.length === 0) problems.push(`${displayPath(articlesDir)}: (folder): no .md articles found`);
  if (problems.length > 0 || !taxonomy) throw new KnowledgeError(problems);
  return { taxonomy, articles };
}
