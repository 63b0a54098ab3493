/**
 * Small talk: greetings, thanks, goodbyes, "are you a bot?", "how are you?". Recognised conservatively,
 * on the whole message only: a message that also says anything else ("hi, outlook is down", "thanks,
 * but it still fails") is not small talk and goes where it would have gone. The answer is short and
 * fits where the conversation is; the caller keeps the dialog stack as it was.
 */

export type SmallTalk = 'greeting' | 'thanks' | 'bye' | 'bot' | 'howAreYou';

/** Phrases of each kind, on normalised text (lower case, no punctuation but apostrophes). */
const PHRASES: Record<SmallTalk, string> = {
  bot: [
    '(are|r) (you|u) (a |an |just a |actually a |really a )?(bot|robot|chat ?bot|machine|ai|computer|program|real person|real|human|person|live person)( or (a |an )?(real )?(human|person|bot|robot|machine|ai))?',
    '(am i|are we) (talking|chatting|speaking|writing) (to|with) (a |an )?(bot|robot|chat ?bot|machine|ai|computer|human|person|real person|real human)',
    '(is this|is that|this is) (a |an )?(bot|robot|chat ?bot|machine|ai|human|person|real person)',
    'who (are|r) (you|u)|what (are|r) (you|u)|who am i (talking|chatting|speaking) (to|with)',
  ].join('|'),
  howAreYou: "how (are|r) (you|u)( doing| today| doing today)?|how's it going|how is it going|how are things|how's your day|what's up|whats up",
  bye: [
    '(good ?)?bye( bye| now| for now)?|bye ?bye|see (you|ya|u)( later| soon| tomorrow| around)?|talk (to you )?(later|soon|tomorrow)|ttyl|cya',
    'catch you later|take care|good ?night|have a (good|nice|great|lovely) (day|one|evening|weekend|night)|until next time|so long',
  ].join('|'),
  thanks: [
    'thanks?( you)?( (so|very) much| a lot| a bunch| a million| again| heaps| loads)*( for (your|the|all the|all your) help| for helping( me| us)?)?',
    "thank u|thankyou|thx|thnx|ty|tyvm|cheers|much appreciated|appreciated|appreciate it|i appreciate it|many thanks|you('ve| have) been (very |really |so )?(helpful|great|a great help|a big help)|that's (very |really |so )?(helpful|kind)",
  ].join('|'),
  greeting: 'hi+|hello+|hey+|hiya|howdy|yo|greetings|good (morning|afternoon|evening|day)|morning',
};

/** Words that may stand beside small talk without adding a request ("ok thanks", "hi there", "great, bye"). */
const FILLER =
  'ok|okay|k|great|cool|perfect|awesome|nice|super|brilliant|excellent|lovely|wonderful|alright|all right|right|oh|ah|well|again|then|mate|there|bot|assistant|everyone|folks|guys|team|so|and|for now|now|too|as well|anyway|in advance|just wondering|quick question|by the way|btw|lol|haha';

/** Which kind wins when a message has several: the question is answered, a goodbye outweighs thanks. */
const PRIORITY: SmallTalk[] = ['bot', 'howAreYou', 'bye', 'thanks', 'greeting'];

const PIECES = PRIORITY.map((kind) => [kind, new RegExp(`^(?:${PHRASES[kind]})(?=\\s|$)\\s*`)] as const);
const FILLER_PIECE = new RegExp(`^(?:${FILLER})(?=\\s|$)\\s*`);

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
    let best: { kind?: SmallTalk; length: number } | undefined;
    for (const [kind, re] of PIECES) {
      const m = re.exec(rest);
      if (m && (!best || m[0].length > best.length)) best = { kind, length: m[0].length };
    }
    const filler = FILLER_PIECE.exec(rest);
    if (filler && (!best || filler[0].length > best.length)) best = { length: filler[0].length };
    if (!best) return undefined;
    if (best.kind) found.add(best.kind);
    rest = rest.slice(best.length);
  }
  return PRIORITY.find((kind) => found.has(kind));
}

export interface SmallTalkSituation {
  /** A question is open: the caller asks it again right after the answer. */
  questionOpen: boolean;
  /** The request filed last in this conversation, if any. */
  ticketNumber?: string;
}

const WHAT_I_DO = "Tell me what's going on with Microsoft 365 and I'll check service health, suggest fixes, or open a service request with a support engineer.";

/** A short answer to small talk, for where the conversation is. */
export function smallTalkReply(kind: SmallTalk, situation: SmallTalkSituation): string {
  const { questionOpen, ticketNumber } = situation;
  if (questionOpen) {
    const back = "Here's where we were:";
    switch (kind) {
      case 'greeting':
        return `Hi again! ${back}`;
      case 'thanks':
        return `You're welcome! ${back}`;
      case 'bye':
        return `Bye for now! I'll keep your place, so we can pick up right here when you're back. ${back}`;
      case 'bot':
        return `I'm an automated assistant, not a person. I can bring in a support engineer at any point: just say "talk to a person". ${back}`;
      case 'howAreYou':
        return `I'm doing well, thanks for asking! ${back}`;
    }
  }
  const request = ticketNumber ? ` Your request ${ticketNumber} is with support; ask me "status of ${ticketNumber}" whenever you want an update.` : '';
  switch (kind) {
    case 'thanks':
      return ticketNumber ? `You're welcome!${request}` : "You're welcome! If anything else comes up, just tell me what's going on.";
    case 'bye':
      return ticketNumber ? `Goodbye!${request}` : "Goodbye! If anything comes up later, just tell me what's going on.";
    case 'bot':
      return `I'm an automated assistant for Microsoft 365 business admins, not a person. ${WHAT_I_DO} Say "talk to a person" at any point to reach an engineer.${request}`;
    case 'howAreYou':
      return `I'm doing well, thanks for asking! ${WHAT_I_DO}${request}`;
    case 'greeting':
      return `Hello! ${WHAT_I_DO}${request}`;
  }
}
