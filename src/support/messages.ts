// The sentences of the support rules live in the message catalogs (domain area, keys support.*); the
// data files under knowledge/support/ keep the facts and the ids those keys are made from. A key made
// from data must exist, or an edit that adds an id without its text would only fail when an admin hits
// it: `messageKeys` checks them all when a data file is loaded.
import { catalog, type Language, type MessageKey } from '../i18n/index.js';

/** Checks that every key exists in the English catalog (the reference every language is held to). */
export function messageKeys(fileName: string, keys: readonly string[]): void {
  const english = catalog('en');
  const missing = keys.filter((key) => !(key in english));
  if (missing.length) {
    throw new Error(`Support data file knowledge/support/${fileName} needs these messages in src/i18n/catalogs/<language>/domain.json: ${missing.join(', ')}`);
  }
}

/** A key built from data ids, after `messageKeys` has checked the data it comes from. */
export function dataKey(key: string): MessageKey {
  return key as MessageKey;
}

/**
 * Sentences one after another: a space between them in English and German, none in Chinese, whose full
 * stop (。) already separates them. Missing or empty ones are left out.
 */
export function joinSentences(language: Language, sentences: ReadonlyArray<string | undefined>): string {
  return sentences.filter((s): s is string => !!s).join(language === 'zh-Hans' || language === 'zh-Hant' ? '' : ' ');
}
