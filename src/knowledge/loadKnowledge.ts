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
  TRANSLATED_LANGUAGES,
  TRANSLATION_LOCALE,
  type TranslatedLanguage,
  type Article,
  type Knowledge,
  type Taxonomy,
} from './articleSchema.js';
import { fromProjectRoot } from '../projectRoot.js';
import type { Language } from '../i18n/index.js';

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
export function parseArticle(file: string, text: string, problems: string[], language: Language = 'en'): Article | undefined {
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
  return { ...result.data, body, file, language };
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

/** Reads every .md file of a folder; a missing folder is a problem only when `required`. */
function readArticles(folder: string, language: Language, problems: string[], required: boolean): { articles: Article[]; count: number } {
  let files: string[] = [];
  try {
    files = readdirSync(folder, { withFileTypes: true }).filter((f) => f.isFile() && f.name.endsWith('.md')).map((f) => f.name).sort();
  } catch (error) {
    if (required || (error as NodeJS.ErrnoException).code !== 'ENOENT') problems.push(`${displayPath(folder)}: (folder): ${(error as Error).message}`);
  }
  const articles: Article[] = [];
  for (const name of files) {
    const file = join(folder, name);
    const article = parseArticle(file, readFileSync(file, 'utf8'), problems, language);
    if (article) articles.push(article);
  }
  return { articles, count: files.length };
}

/**
 * A translation is the English article in another language: same id (and file name), topic, category,
 * product and clouds, and the language's locale.
 */
function checkTranslations(language: TranslatedLanguage, translations: Article[], english: Article[], problems: string[]): void {
  const originals = new Map(english.map((a) => [a.id, a]));
  const seen = new Set<string>();
  for (const article of translations) {
    const where = displayPath(article.file);
    const expectedId = article.file.replace(/^.*[\\/]/, '').replace(/\.md$/, '');
    if (article.id !== expectedId) problems.push(`${where}: id: "${article.id}" must equal the file name "${expectedId}"`);
    if (seen.has(article.id)) problems.push(`${where}: id: duplicate id "${article.id}"`);
    seen.add(article.id);
    const original = originals.get(article.id);
    if (!original) {
      problems.push(`${where}: id: "${article.id}" has no English article articles/${article.id}.md to translate`);
      continue;
    }
    for (const field of ['topic', 'category', 'product'] as const) {
      if (article[field] !== original[field]) problems.push(`${where}: ${field}: "${article[field]}" differs from the English article's "${original[field]}"`);
    }
    if (JSON.stringify(article.clouds ?? null) !== JSON.stringify(original.clouds ?? null)) {
      problems.push(`${where}: clouds: must equal the English article's (${JSON.stringify(original.clouds ?? 'all')})`);
    }
    if (article.locale !== TRANSLATION_LOCALE[language]) problems.push(`${where}: locale: "${article.locale}" must be ${TRANSLATION_LOCALE[language]} in articles/${language}/`);
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
  const { articles, count } = readArticles(articlesDir, 'en', problems, true);
  if (taxonomy) crossCheck(articles, taxonomy, problems);
  if (count === 0 && problems.length === 0) problems.push(`${displayPath(articlesDir)}: (folder): no .md articles found`);
  const translations = Object.fromEntries(
    TRANSLATED_LANGUAGES.map((language) => {
      const translated = readArticles(join(articlesDir, language), language, problems, false).articles;
      checkTranslations(language, translated, articles, problems);
      return [language, translated];
    }),
  ) as Record<TranslatedLanguage, Article[]>;
  if (problems.length > 0 || !taxonomy) throw new KnowledgeError(problems);
  return { taxonomy, articles, translations };
}
