// Shapes of the knowledge files: the taxonomy and the front matter of each article.
// Both are edited by hand, so they are validated at the boundary and a mistake names the field.
import { z } from 'zod';
import type { Language } from '../i18n/index.js';

export const categories = ['technical', 'billing', 'presales', 'support', 'out-of-scope'] as const;
export const categorySchema = z.enum(categories);
export type Category = z.infer<typeof categorySchema>;

export const clouds = ['worldwide', '21vianet', 'germany'] as const;
export type Cloud = (typeof clouds)[number];

export const topicSchema = z.object({
  id: z.string().regex(/^[a-z]+\.[a-z0-9-]+$/, 'expected "<area>.<name>" in lowercase, e.g. exchange.mail-flow'),
  category: categorySchema,
  product: z.string().min(1),
  covers: z.string().min(1),
});
export type Topic = z.infer<typeof topicSchema>;

export const taxonomySchema = z.object({
  about: z.string().optional(),
  categories: z.array(categorySchema).min(1),
  topics: z.array(topicSchema).min(1),
});
export type Taxonomy = z.infer<typeof taxonomySchema>;

/**
 * YAML reads an unquoted `2026-11-01` as a string under the core schema but some editors quote it or
 * write a timestamp; accept both and keep the ISO day.
 */
const isoDate = z.preprocess(
  (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO date such as 2026-11-01'),
);

const nonBlank = z.string().trim().min(1, 'must not be empty');

export const articleFrontMatterSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected lowercase kebab-case such as exo-shared-mailbox-create'),
  title: nonBlank.max(120),
  summary: nonBlank.max(300),
  topic: nonBlank,
  category: categorySchema,
  product: nonBlank,
  keywords: z.array(nonBlank).min(3, 'list at least 3 keywords').max(40),
  locale: z.string().regex(/^[a-z]{2}-[A-Z]{2}$/, 'expected a locale such as en-US'),
  updated: isoDate,
  clouds: z.array(z.enum(clouds)).min(1).optional(),
});
export type ArticleFrontMatter = z.infer<typeof articleFrontMatterSchema>;

/** An article as the rest of the product sees it: validated front matter plus its Markdown body. */
export interface Article extends ArticleFrontMatter {
  body: string;
  /** Path of the source file, for messages. */
  file: string;
  /** The language it is written in: 'en' for articles/*.md, the folder's for articles/<language>/*.md. */
  language: Language;
}

/** The languages articles are translated into, each a folder under articles/. */
export const TRANSLATED_LANGUAGES = ['de', 'zh-Hans', 'zh-Hant'] as const satisfies readonly Language[];
export type TranslatedLanguage = (typeof TRANSLATED_LANGUAGES)[number];
/** The `locale` a translation's front matter must carry. */
export const TRANSLATION_LOCALE: Record<TranslatedLanguage, string> = { de: 'de-DE', 'zh-Hans': 'zh-CN', 'zh-Hant': 'zh-TW' };

export interface Knowledge {
  taxonomy: Taxonomy;
  /** The English articles: every article exists in English. */
  articles: Article[];
  /** Translations by language, each with the id of the English article it translates. */
  translations: Record<TranslatedLanguage, Article[]>;
}
