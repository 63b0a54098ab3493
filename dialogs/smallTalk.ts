/**
 * Small talk: greetings, thanks, goodbyes, "are you a bot?", "how are you?", in any of the languages
 * ("danke", "谢谢", "你是机器人吗"). Recognised conservatively, on the whole message only: a message that
 * also says anything else ("hi, outlook is down", "thanks, but it still fails") is not small talk and goes
 * where it would have gone. The answer is short, in the turn's language, and fits where the conversation
 * is; the caller keeps the dialog stack as it was. The words and the answers are in the understanding
 * catalogs (smallTalk.*).
 */
import { DEFAULT_LANGUAGE, translate, type Language, type MessageKey } from '../src/i18n/index.js';
import { Reading, startOf } from './understanding.js';

export type SmallTalk = 'greeting' | 'thanks' | 'bye' | 'bot' | 'howAreYou';

/** Which kind wins when a message has several: the question is answered, a goodbye outweighs thanks. */
const PRIORITY: SmallTalk[] = ['bot', 'howAreYou', 'bye', 'thanks', 'greeting'];

const PHRASES: Record<SmallTalk, MessageKey> = {
  bot: 'smallTalk.phrases.bot',
  howAreYou: 'smallTalk.phrases.howAreYou',
  bye: 'smallTalk.phrases.bye',
  thanks: 'smallTalk.phrases.thanks',
  greeting: 'smallTalk.phrases.greeting',
};
/** Words that may stand beside small talk without adding a request ("ok thanks", "hi there", "好的，谢谢"). */
const FILLER: MessageKey = 'smallTalk.phrases.filler';

function normalise(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[\u2019\u2018`]/g, "'")
    .replace(/[^\p{L}\p{N}'\s]/gu, ' ')
    .replace(/(?<![\p{L}\p{N}])'+|'+(?![\p{L}\p{N}])/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The kind of small talk the whole message is, or undefined when it is anything more. */
export function recogniseSmallTalk(text: string | undefined): SmallTalk | undefined {
  let rest = normalise(text ?? '');
  if (!rest || rest.length > 80) return undefined;
  const found = new Set<SmallTalk>();
  while (rest) {
    // The longest phrase at this point, so "thank you so much" is one piece, not "thank" and leftovers.
    const reading = new Reading(rest);
    let best: { kind?: SmallTalk; end: number } | undefined;
    for (const kind of PRIORITY) {
      const m = startOf(reading, PHRASES[kind], { elongate: true });
      if (m && m.end > 0 && (!best || m.end > best.end)) best = { kind, end: m.end };
    }
    const filler = startOf(reading, FILLER, { elongate: true });
    if (filler && filler.end > 0 && (!best || filler.end > best.end)) best = { end: filler.end };
    if (!best) return undefined;
    if (best.kind) found.add(best.kind);
    rest = rest.slice(best.end).trim();
  }
  return PRIORITY.find((kind) => found.has(kind));
}

export interface SmallTalkSituation {
  /** A question is open: the caller asks it again right after the answer. */
  questionOpen: boolean;
  /** The request filed last in this conversation, if any. */
  ticketNumber?: string;
  /** The language to answer in (the turn's); English when not given. */
  language?: Language;
  /** The channel's locale, for number formats. */
  locale?: string;
}

/** A short answer to small talk, for where the conversation is, in the turn's language. */
export function smallTalkReply(kind: SmallTalk, situation: SmallTalkSituation): string {
  const { questionOpen, ticketNumber, language = DEFAULT_LANGUAGE, locale } = situation;
  if (questionOpen) return translate(language, `smallTalk.open.${kind}`, undefined, locale);
  return ticketNumber ? translate(language, `smallTalk.answer.${kind}.ticket`, { number: ticketNumber }, locale) : translate(language, `smallTalk.answer.${kind}`, undefined, locale);
}
