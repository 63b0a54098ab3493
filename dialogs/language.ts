// The language of the turn, and the catalog lookups dialogs use: t(context, key, values).
// SupportBot settles the language at the start of every turn (conversationLanguage.ts); anything that
// runs outside a turn it started (a proactive message, a test's bare context) falls back to the
// channel's locale, then English.
import type { TurnContext } from 'botbuilder';
import { DEFAULT_LANGUAGE, languageFromLocale, translate, translateList, type Language, type MessageKey, type MessageValues } from '../src/i18n/index.js';

const TURN_LANGUAGE = Symbol('turnLanguage');

export function setTurnLanguage(context: TurnContext, language: Language): void {
  context.turnState.set(TURN_LANGUAGE, language);
}

/** The language everything in this turn is written in. */
export function languageOf(context: TurnContext): Language {
  return (context.turnState.get(TURN_LANGUAGE) as Language | undefined) ?? languageFromLocale(context.activity?.locale) ?? DEFAULT_LANGUAGE;
}

/** The catalog sentence for `key` in the turn's language. */
export function t(context: TurnContext, key: MessageKey, values?: MessageValues): string {
  return translate(languageOf(context), key, values, context.activity?.locale);
}

/** A `|`-separated catalog list in the turn's language (the words that mean an answer). */
export function tList(context: TurnContext, key: MessageKey): string[] {
  return translateList(languageOf(context), key);
}
