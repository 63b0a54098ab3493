// Which of the four languages a piece of typed text is in, when the text says so clearly enough.
// Chinese is told by its characters (Han script), and Simplified from Traditional by the characters only
// one of them uses; English from German first by the small words every sentence has (und, nicht, für /
// the, and, not), then by tinyld, a small n-gram detector limited to the two, after the English product
// and feature names German admins keep in their sentences are taken out ("unser Shared Mailbox geht
// nicht" is German). Short replies ("ok", "ja", "2", an email address) decide
// nothing: the conversation keeps its language.
import { detectAll } from 'tinyld';
import { scriptEvidence } from './hanScript.js';
import type { Language } from './languages.js';

export interface Detection {
  language: Language;
  /** For Chinese without a single script-specific character (你好): which script is not known. */
  scriptKnown: boolean;
}

const HAN = /\p{Script=Han}/gu;

/** Names admins type in English whatever language they write in; they say nothing about the language. */
const ENGLISH_TERMS =
  /\b(?:microsoft|office|365|m365|o365|exchange(?: online)?|outlook|teams|sharepoint(?: online)?|onedrive(?: for business)?|entra(?: id| connect)?|azure(?: ad)?|intune|defender|windows|android|iphone|ipad|ios|mac(?:os)?|powershell|admin center|admin centre|shared mailbox|mailbox|distribution list|autodiscover|mfa|sso|dns|mx|spf|dkim|dmarc|cname|txt|record|license|licence|tenant|user|users|account|password|reset|sync|login|log ?in|sign ?in|meeting|meetings|call|calls|chat|channel|team|site|guest|guests|link|app|apps|e3|e5|f3|business (?:basic|standard|premium)|premium|standard|basic|plan|trial|invoice|billing|support|ticket|service request|error|bug|update|client|desktop|web|mobile|online|teams rooms|copilot|forms|planner|bookings|onenote|word|excel|powerpoint|skype(?: for business)?|dynamics|power (?:bi|automate|apps)|id|ok|okay)\b/gi;
const NOISE = /https?:\/\/\S+|\S+@\S+|[\d\s+()./:-]{4,}|\b[A-Z]{2,}-?\d+\b/g;
const UMLAUT = /[äöüß]/i;

/**
 * Small words every sentence has, and no product name: counting them decides most mixed sentences
 * ("Kann man Known Folder Move für Desktop per Richtlinie aktivieren?" has kann, man, für, per; n-grams
 * alone read it as English because of the product names).
 */
const GERMAN_WORDS = new Set(
  'der die das den dem des ein eine einen einem einer kein keine keinen nicht nichts und oder aber ist sind war wird werden wurde kann können konnte muss soll will wir ich du sie er es uns unser unsere unseren mein meine mit für fur auf bei von zu zum zur im ins nach wie was wo warum wann wer man noch schon auch nur mehr geht gehen funktioniert bitte danke hallo seit alle alles jeder immer wieder gibt habe haben hat hatte dass wenn ob beim vom über uber ohne sich'.split(' '),
);
const ENGLISH_WORDS = new Set(
  'the a an and or but is are was were will be been can cannot could should would must not no do does did doesnt dont cant wont isnt we i you he she it they our my your their us me with for on at by from to of in into how what where why when who which this that these those there here have has had any some all every still anymore please thanks hello hi since'.split(' '),
);

function wordVote(words: readonly string[]): Language | undefined {
  let german = 0;
  let english = 0;
  for (const word of words) {
    const w = word.toLowerCase().replace(/['’]/g, '');
    if (GERMAN_WORDS.has(w)) german++;
    if (ENGLISH_WORDS.has(w)) english++;
  }
  if (german >= 2 && german > english * 2) return 'de';
  if (english >= 2 && english > german * 2) return 'en';
  return undefined;
}

function chineseScript(text: string): { language: Language; scriptKnown: boolean } {
  const { simplified, traditional } = scriptEvidence(text);
  if (simplified === traditional) return { language: 'zh-Hans', scriptKnown: false };
  return { language: traditional > simplified ? 'zh-Hant' : 'zh-Hans', scriptKnown: true };
}

/**
 * The language `text` is written in, or undefined when it is too short or too mixed to say. A German
 * sentence with English product names is German; Chinese with English names is Chinese.
 */
export function detectLanguage(text: string | undefined | null): Detection | undefined {
  if (!text) return undefined;
  const han = text.match(HAN)?.length ?? 0;
  const latinText = text.replace(NOISE, ' ').replace(HAN, ' ');
  if (han >= 2 || (han === 1 && !/\p{L}{2,}/u.test(latinText))) return chineseScript(text);
  const vote = wordVote(latinText.match(/\p{L}[\p{L}'’]*/gu) ?? []);
  if (vote) return { language: vote, scriptKnown: true };
  const words = latinText.replace(ENGLISH_TERMS, ' ').match(/\p{L}[\p{L}'’-]*/gu) ?? [];
  if (words.length === 0) return undefined;
  const rest = words.join(' ');
  // A single word is too little for n-grams, unless it can only be German ("Kennwortänderung").
  if (words.length === 1 && !(UMLAUT.test(rest) && rest.length >= 4)) return undefined;
  const [best, second] = detectAll(rest, { only: ['en', 'de'] });
  if (!best || (best.lang !== 'en' && best.lang !== 'de')) return undefined;
  // tinyld's accuracy for two candidates: take it only when the other is clearly behind.
  if (second && second.accuracy > best.accuracy * 0.5) return undefined;
  return { language: best.lang === 'de' ? 'de' : 'en', scriptKnown: true };
}
