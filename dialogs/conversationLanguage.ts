// Which language a turn is answered in. In order: the language the admin asks for ("auf Deutsch bitte",
// "请用中文"); the language of what the admin writes, when the text says it clearly; the language this
// admin used last (user state, so a new conversation starts in it); the channel's locale (Teams sends
// the client's, the widget the browser's); English. A switch is remembered in user state.
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import { detectLanguage, isLanguage, languageFromLocale, recogniseLanguageRequest, DEFAULT_LANGUAGE, type Language } from '../src/i18n/index.js';
import { setTurnLanguage } from './language.js';

/**
 * Once a conversation has a language, a switch between English and German takes a sentence: a German
 * admin who types "my requests" or "help" (the words on Teams' command menu) is still writing German.
 */
const SWITCH_WORDS = 4;
const wordCount = (text: string | undefined) => text?.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length ?? 0;

export interface LanguageMemory {
  language?: Language;
}

export interface TurnLanguage {
  language: Language;
  /** The admin asked for a language and said nothing else: confirm and ask the open question again. */
  onlyRequest: boolean;
  /** The language changed in this turn (asked for, or written in). */
  changed: boolean;
}

/**
 * Settles the turn's language (see languageOf), remembers it, and takes an explicit request out of the
 * activity's text so the rest is read as the answer or the problem.
 */
export async function settleTurnLanguage(context: TurnContext, memory: StatePropertyAccessor<LanguageMemory>): Promise<TurnLanguage> {
  const remembered = await memory.get(context, {});
  const previous = (isLanguage(remembered.language) ? remembered.language : undefined) ?? languageFromLocale(context.activity.locale) ?? DEFAULT_LANGUAGE;
  const text = context.activity.type === 'message' && !context.activity.value ? context.activity.text : undefined;
  let language = previous;
  let onlyRequest = false;
  const request = recogniseLanguageRequest(text);
  const detected = detectLanguage(request ? request.rest || text : text);
  if (request) {
    language = request.language;
    if (request.generic) language = detected?.language.startsWith('zh') && detected.scriptKnown ? detected.language : previous.startsWith('zh') ? previous : request.language;
    onlyRequest = !request.rest;
    context.activity.text = request.rest || context.activity.text;
  } else if (detected && (detected.language.startsWith('zh') || !remembered.language || wordCount(text) >= SWITCH_WORDS)) {
    // Chinese without a script-specific character keeps the Chinese already spoken, or the locale's.
    language = detected.scriptKnown ? detected.language : previous.startsWith('zh') ? previous : (languageFromLocale(context.activity.locale)?.startsWith('zh') ? languageFromLocale(context.activity.locale)! : detected.language);
  }
  setTurnLanguage(context, language);
  if (remembered.language !== language) await memory.set(context, { ...remembered, language });
  return { language, onlyRequest, changed: language !== previous };
}
