// Typed answers to the satisfaction question ("5", "4/5", "five", "fünf", "五分", "4 - good but slow",
// "great", "sehr gut", "很好"), read in every language whatever the conversation's language is. Pure
// functions: the satisfaction turn (satisfaction.ts) asks them only while a question is open.
import { listInEveryLanguage, type MessageKey } from '../src/i18n/index.js';

export interface TypedSatisfaction {
  score: 1 | 2 | 3 | 4 | 5;
  /** The admin's own words besides the score; null when there are none. */
  comment: string | null;
}

/** Longest first, so "not good" is read before "good" and "非常好" before "好". */
const longestFirst = (words: string[]) => [...new Set(words.map((w) => w.toLowerCase()))].sort((a, b) => b.length - a.length);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternation = (key: MessageKey) => longestFirst(listInEveryLanguage(key)).map(escape).join('|');

const SCORES = [1, 2, 3, 4, 5] as const;
const SCORE_WORDS = new Map<string, TypedSatisfaction['score']>(
  SCORES.flatMap((score) => listInEveryLanguage(`satisfaction.words.${score}` as MessageKey).map((w) => [w.toLowerCase(), score] as const)),
);
const WORDS = longestFirst([...SCORE_WORDS.keys()]).map(escape).join('|');
const SCALE = alternation('satisfaction.scale.words');
const BUT = alternation('satisfaction.but.words');
const CLOSERS = alternation('satisfaction.closers.words');

/** "I'd give it", "ich gebe", "打", "给": a lead-in before the number. */
const LEAD = String.raw`(?:(?:i'?d |i would |i )?(?:give|rate)(?: (?:it|you|this|that))?(?: an?)? |ich gebe(?: (?:eine|die|ihnen|dir))? |(?:打|给|給|评|評)(?:个|個)?\s*)?`;
/** After the number: "/5", "of 5", "out of 5", "von 5", or a scale word ("stars", "Sterne", "分", "星"). */
const SUFFIX = String.raw`(?:\s*(?:\/\s*5|(?:out )?of 5|von 5|aus 5)|\s*(?:${SCALE}))?`;
/** What separates the score from a comment: punctuation, or a "but" ("good but slow"). */
const SEPARATOR = String.raw`(?:\s*[-–—:,;.!)。，；：！、]+\s*|\s+(?=(?:${BUT})\b)|(?=(?:${BUT})))`;
const TRAILING = /[\s.!?。！？~～]+$/u;

/** Groups: the score, the scale after it, a comment after a separator, Chinese run on without one ("五分很满意"). */
const DIGIT_ANSWER = new RegExp(String.raw`^${LEAD}([1-5])(${SUFFIX})(?:${SEPARATOR}(.*)|(\p{Script=Han}.*))?$`, 'isu');
const WORD_ANSWER = new RegExp(String.raw`^${LEAD}(${WORDS})(${SUFFIX})(?:${SEPARATOR}(.*)|(\p{Script=Han}.*))?$`, 'isu');
const CLOSING = new RegExp(String.raw`(?:^|[\s,，、!！.。]+)(?:${CLOSERS})[\s.!?。！？]*$`, 'iu');

/** Full-width digits and slash as plain ones (the rest is kept: it may be the comment), spaces collapsed, the end's punctuation and "thanks" off. */
function normalise(text: string): string {
  let t = text
    .replace(/[０-９／]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, ' ')
    .trim()
    .replace(TRAILING, '');
  // "great, thanks", "5, danke", "很好，谢谢": the thanks is not a comment.
  for (let i = 0; i < 2 && CLOSING.test(t); i++) t = t.replace(CLOSING, '').replace(TRAILING, '').trim();
  return t;
}

/**
 * A score from 1 to 5 and the comment with it, or undefined when the text is not an answer to the
 * question (a new problem: "2 users can't sign in", "一个用户无法登录"). A number needs nothing after it
 * or a separator before a comment; a word answer keeps the whole message as its comment ("good, but
 * slow"), a number answer only what follows the number.
 */
export function readTypedSatisfaction(text: string | undefined): TypedSatisfaction | undefined {
  if (!text || text.length > 1000) return undefined;
  const t = normalise(text);
  if (!t) return undefined;
  const digit = DIGIT_ANSWER.exec(t);
  if (digit) return answer(Number(digit[1]) as TypedSatisfaction['score'], digit, undefined);
  const word = WORD_ANSWER.exec(t);
  const score = word && SCORE_WORDS.get(word[1]!.toLowerCase());
  return word && score ? answer(score, word, t) : undefined;
}

function answer(score: TypedSatisfaction['score'], [, , scale, afterSeparator, runOn]: RegExpExecArray, whole: string | undefined): TypedSatisfaction | undefined {
  // Chinese runs on after a scale word ("五分很满意"), never after a bare number ("一个用户无法登录" is a problem).
  if (runOn !== undefined && !scale?.trim()) return undefined;
  const comment = (afterSeparator ?? runOn)?.trim();
  // "3.5" is not a 3 with the comment "5".
  if (comment && /^\d/.test(comment)) return undefined;
  if (comment === undefined || comment === '') return { score, comment: null };
  return { score, comment: whole ?? comment };
}
