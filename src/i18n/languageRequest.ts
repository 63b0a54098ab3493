// "auf Deutsch bitte", "can we speak English?", "请用中文", "請用繁體中文": the admin asking for a language.
// Recognised in any of the four languages, as the whole message or at its start or end, so the rest of
// the message ("auf Deutsch bitte: Outlook startet nicht") is still read as the problem.
import type { Language } from './languages.js';

const NAMES: ReadonlyArray<readonly [Language, string]> = [
  ['zh-Hant', '(?:繁體中文|繁体中文|繁體|繁体|正體中文|traditional chinese|chinese \\(traditional\\)|traditionell(?:es)? chinesisch|chinesisch \\(traditionell\\))'],
  ['zh-Hans', '(?:简体中文|簡體中文|简体|簡體|simplified chinese|chinese \\(simplified\\)|vereinfachtes chinesisch|chinesisch \\(vereinfacht\\))'],
  // Chinese without a script: the script the admin writes in decides (see `generic`).
  ['zh-Hans', '(?:中文|汉语|漢語|华语|華語|普通话|普通話|國語|国语|chinese|mandarin|chinesisch)'],
  ['de', '(?:deutsch|german|德语|德語|德文)'],
  ['en', '(?:englisch|english|英语|英語|英文)'],
];

const GENERIC_CHINESE = 2;

const LATIN_BEFORE = String.raw`(?:(?:can|could) (?:we|you) (?:please )?(?:speak|talk|write|continue|chat)(?: in)?|(?:please )?(?:speak|talk|write|answer|reply|continue|switch)(?: to| in)?|(?:können|koennen) wir (?:bitte )?(?:auf|in)|(?:bitte )?(?:auf|in)|(?:sprich|sprechen sie|schreib|schreiben sie|antworte|antworten sie) (?:bitte )?(?:auf|in)?|in)\s+`;
const LATIN_AFTER = String.raw`(?:\s+(?:please|pls|bitte|weiter|sprechen|schreiben|reden))*`;
const HAN_BEFORE = '(?:请|請|能不能|可以|能否|麻烦|麻煩)?(?:用|说|說|讲|講|改用|换成|換成|切换到|切換到|转成|轉成)?';
const HAN_AFTER = '(?:说|說|讲|講|回答|回复|回覆|交流|沟通|溝通|吧|好吗|好嗎|可以吗|可以嗎|谢谢|謝謝)*';

const PATTERNS = NAMES.map(([language, name]) => ({
  language,
  latin: new RegExp(String.raw`^\s*(?:${LATIN_BEFORE})?${name}${LATIN_AFTER}\s*[?!.,:;-]*\s*`, 'i'),
  latinEnd: new RegExp(String.raw`[\s,.;:-]+(?:${LATIN_BEFORE})${name}${LATIN_AFTER}\s*[?!.]*\s*$`, 'i'),
  han: new RegExp(`^\\s*${HAN_BEFORE}${name}${HAN_AFTER}\\s*[？?！!。，,：:；;]*\\s*`, 'i'),
}));

export interface LanguageRequest {
  language: Language;
  /** What else the message says, with the request taken out (empty when it was only the request). */
  rest: string;
  /** "Chinese" without saying which script: zh-Hans unless the admin's own characters say otherwise. */
  generic: boolean;
}

/** The language asked for in `text`, if the admin asks for one. */
export function recogniseLanguageRequest(text: string | undefined | null): LanguageRequest | undefined {
  if (!text) return undefined;
  for (const [index, { language, latin, latinEnd, han }] of PATTERNS.entries()) {
    for (const pattern of [han, latin, latinEnd]) {
      const match = pattern.exec(text);
      if (!match) continue;
      // A bare language name is a request only as the whole message ("Deutsch", "中文"), not as a word
      // inside a problem ("the German admin center").
      const rest = (text.slice(0, match.index) + text.slice(match.index + match[0].length)).trim();
      const bare = match[0].trim().replace(/[?？!！.。,，:：;；]/g, '').trim();
      if (rest && NAMES.some(([, name]) => new RegExp(`^${name}$`, 'i').test(bare))) continue;
      return { language, rest, generic: index === GENERIC_CHINESE };
    }
  }
  return undefined;
}
