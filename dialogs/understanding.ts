/**
 * Reply understanding: what an admin's typed (or clicked) answer to a question means. Every question of
 * the conversation goes through here (prompting.ts), so a reply is read the same way at every step:
 *
 *  1. the option itself: its title, value or a synonym, typed whole ("Yes, solved", "business premium");
 *  2. its number ("2", "option 2", "the second one") as the text channels list them;
 *  3. a value of the kind an option takes: an email address where a contact method is asked;
 *  4. a correction naming an option ("make it B", "actually it's E5", "change it to email");
 *  5. a wish that holds at any step ("open a support request", "talk to a person", "call me",
 *     "any update on my ticket?", "that's all, thanks"): the option that carries it, when one does;
 *  6. yes or no however it is said ("yeah it works now", "no, still broken"), for the option that means it;
 *  7. an option named inside a longer reply ("I think one user only"), or misspelt ("bussiness premium").
 *
 * Anything else is `unknown`: the prompt then says what it can accept (and never loops, see prompting.ts).
 */

/** Wishes an admin can express at any step, whatever the question. */
export type Wish = 'escalate' | 'human' | 'callMe' | 'ticketUpdate' | 'done';

export interface Option {
  value: string;
  title: string;
  /** Other words an admin may type for this answer. */
  synonyms?: string[];
  /** Wishes that, at this question, mean this option (e.g. "open a request" at "Did this solve it?" means "no"). */
  wishes?: Wish[];
  /** The option a plain yes or no means at this question. */
  means?: 'yes' | 'no';
  /** A value of this kind typed as the answer picks this option (an email address picks "Email"). */
  takes?: 'email' | 'phone';
  /** Taken, and said so, when the third reply in a row cannot be used: the cautious choice at this step. */
  safeDefault?: boolean;
}

export type Meaning =
  | { kind: 'option'; value: string; via: 'exact' | 'number' | 'value' | 'correction' | 'wish' | 'yesNo' | 'phrase' | 'fuzzy'; captured?: string }
  | { kind: 'wish'; wish: Wish }
  | { kind: 'unknown' };

const FILLER_START = /^(?:(?:um+|uh+|er+|erm|hmm+|well|so|ok(?:ay)?|right|hi|hello|hey|sorry|oh|ah|and|but|i think|i guess|i'd say|i would say|let's say|lets say)[\s,]+)+/;
const FILLER_END = /(?:[\s,]+(?:please|pls|plz|thanks|thank you|thx|ty|then|i guess|i think|for now|mate))+$/;

/** Lower case, no punctuation but what addresses and numbers need, fillers at either end removed. */
export function normalise(text: string): string {
  let t = text
    .toLowerCase()
    .normalize('NFKC')
    .replace(/[\u2019\u2018`]/g, "'")
    .replace(/[^\p{L}\p{N}@.+'\s-]/gu, ' ')
    .replace(/(?<![\p{L}\p{N}])[.'-]+|[.'-]+(?![\p{L}\p{N}])/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  for (let i = 0; i < 3; i++) t = t.replace(FILLER_START, '').replace(FILLER_END, '').trim();
  return t;
}

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/i;
const PHONE = /(?:\+|\b0)\d[\d\s().-]{6,}\d/;

const ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, last: -1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6 };

/** "2", "#2", "option 2", "number two", "the second one", "2." */
function numberOf(t: string, count: number): number | undefined {
  const m = /^(?:(?:option|number|no|choice|#)\s*)?(\d{1,2})(?:st|nd|rd|th)?$/.exec(t) ?? /^(?:the\s+)?(first|second|third|fourth|fifth|sixth|seventh|last)(?:\s+(?:one|option|choice))?$/.exec(t) ?? /^(?:option|number|choice)\s+(one|two|three|four|five|six)$/.exec(t);
  if (!m) return undefined;
  const raw = m[1]!;
  const n = /^\d+$/.test(raw) ? Number(raw) : ORDINALS[raw]!;
  const index = n === -1 ? count : n;
  return index >= 1 && index <= count ? index : undefined;
}

/** Wishes, recognised in a whole reply. Shared with the global commands (intents.ts). */
const WISHES: [Wish, RegExp][] = [
  ['ticketUpdate', /\b(any|an|got an?|is there an?) (update|news|progress)\b.*\b(ticket|request|case|sr)s?\b|\b(update|status|news) (on|of|for) (my|our|the) (support |service )?(ticket|request|case)s?\b|\bwhere('s| is| are) (my|our) (support |service )?(ticket|request|case)s?\b|\bwhat('s| is) happening with (my|our) (ticket|request|case)s?\b|\bhow('s| is) my (ticket|request|case)( going| doing)?\b/],
  ['callMe', /\b(call|phone|ring) me( back)?\b|\b(can|could|would) (someone|somebody|you|an? (agent|engineer)) (please )?(call|phone|ring)\b|\bi('d| would) (like|prefer) (a|to get a) (call|phone call)\b|\bgive me a (call|ring)\b/],
  [
    'human',
    /\b(talk|speak|chat|connect me|put me through) (to|with) (a |an |the |real |live |your )*(person|human|agent|someone|engineer|representative|support engineer|technician|people|operator)\b|^(agent|human|operator|representative|real person|live agent|a human|a person|person)$|\b(want|need|get me) (a |an )?(real |live )?(human|person|agent|engineer)\b/,
  ],
  [
    'escalate',
    /\b(open|raise|create|file|log|submit|start|make|put in|lodge)\b( me)?( up)? (a |an |the |new |one )*(support |service |help ?desk )*(ticket|request|case|sr|incident)\b|\b(need|want|like) (to open |to raise |to log |to create )?(a |an )?(support |service )+(ticket|request|case)\b|^escalate\b|\bescalate (this|it|please)\b|\bsupport (ticket|request|case) please\b/,
  ],
  ['done', /^(that'?s (all|it|everything)|nothing (else|more)|no(thing)? more( questions)?|all (good|done|set)|i'?m (all )?(good|done|set|sorted)|we'?re (done|good|all set)|that will be all|no that'?s (all|it)|no thanks? (that'?s|i'?m) (all|it|good|fine|done))( for now| thanks| thank you)*$/],
];

/** The reply without the words that expressed the wish ("open a ticket, exchange is down" → "exchange is down"). */
export function besidesWish(text: string): string {
  const t = normalise(text);
  for (const [, re] of WISHES) {
    const m = re.exec(t);
    if (m) return `${t.slice(0, m.index)} ${t.slice(m.index + m[0].length)}`.replace(/^[\s,.;:-]*(and|because|as|since)?\s*/, '').replace(/\s+/g, ' ').trim();
  }
  return t;
}

export function recogniseWish(text: string): Wish | undefined {
  const t = normalise(text);
  if (!t || t.length > 200) return undefined;
  return WISHES.find(([, re]) => re.test(t))?.[0];
}

const YES = /^(yes|y|yeah|yea|yep|yup|ya|sure|ok|okay|correct|right|exactly|indeed|affirmative|absolutely|of course|definitely|that'?s right|that'?s correct|it is|i am|it does|it did|they are|sounds (good|right)|good|fine|ja|si|oui)\b/;
const NO = /^(no|n|nope|nah|not really|negative|no way|never|nothing|neither|i'?m not|it isn'?t|it'?s not|it doesn'?t|it didn'?t|doesn'?t|didn'?t|not at all|not yet|still (not|broken|no)|nein|non)\b/;
const NO_ANYWHERE = /\b(didn'?t|did not|doesn'?t|does not|isn'?t|is not|wasn'?t|not (solved|fixed|working|resolved|sorted|help(ful|ed)?)|still (broken|not|failing|the same|happening|an issue|a problem)|no luck|no change|same (problem|issue|error))\b/;
const RESOLVED = /\b(it works( now)?|works now|working (now|again)|fixed( it| now)?|sorted( it| now)?|solved( it)?|resolved|all good now|that (did it|worked|helped|fixed it)|problem (is )?gone|back to normal)\b/;

function yesOrNo(t: string): 'yes' | 'no' | undefined {
  if (NO_ANYWHERE.test(t) || NO.test(t)) return 'no';
  if (RESOLVED.test(t) || YES.test(t)) return 'yes';
  return undefined;
}

const wordsOf = (option: Option) => [option.title, option.value, ...(option.synonyms ?? [])].map(normalise).filter(Boolean);

/** Edit distance with swapped neighbours as one edit (how people mistype), capped. */
function distance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      row[j] = d;
      best = Math.min(best, d);
    }
    if (best > cap) return cap + 1;
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/** A phrase appears in the reply as whole words. */
const containsPhrase = (t: string, phrase: string) => phrase.length > 0 && new RegExp(`(?:^|\\s)${phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:$|\\s)`).test(t);

/** Words that never name an option on their own inside a longer reply (they qualify too much). */
const WEAK = new Set(['y', 'n', 'yes', 'no', 'ok', 'okay', 'right', 'correct', 'one', 'all', 'more', 'here', 'chat', 'mail', 'call', 'stop', 'down', 'keep', 'wrong', 'change', 'edit', 'update', 'send', 'wait', 'standard', 'thanks', 'thank you']);

const QUESTION = /^(what|what's|whats|how|why|who|which|where|when|is it|does|do you|can you explain|explain)\b/;
/** An option whose own words carry a negation ("didn't help") may be named by a negative reply. */
const NEGATED = /\b(not|no|never)\b|n't\b/;

const CORRECTION = /^(?:no[\s,]+)?(?:actually|make it|make that|change (?:it|that|this)? ?to|set (?:it|that)? ?to|switch (?:it|that)? ?to|it'?s|it is|should be|i meant|i mean|rather|correction|sorry i meant|better)\s+(?:a |an |to )?(.+)$/;

/**
 * What the reply means for a question with these options. `unknown` when it names none of them and no
 * wish; a wish no option carries comes back as a wish, for the conversation to act on.
 */
export function understand(reply: string | undefined, options: readonly Option[]): Meaning {
  const t = normalise(reply ?? '');
  if (!t) return { kind: 'unknown' };
  const option = (o: Option, via: Extract<Meaning, { kind: 'option' }>['via'], captured?: string): Meaning => ({ kind: 'option', value: o.value, via, ...(captured ? { captured } : {}) });

  // 1. The option itself, typed whole.
  const exact = options.find((o) => wordsOf(o).includes(t));
  if (exact) return option(exact, 'exact');

  // 2. Its number.
  const n = numberOf(t, options.length);
  if (n !== undefined) return option(options[n - 1]!, 'number');

  // 3. A value of the kind an option takes.
  const email = EMAIL.exec(reply ?? '')?.[0];
  const takesEmail = options.find((o) => o.takes === 'email');
  if (email && takesEmail) return option(takesEmail, 'value', email);
  const phone = PHONE.exec(reply ?? '')?.[0];
  const takesPhone = options.find((o) => o.takes === 'phone');
  if (phone && takesPhone && !email) return option(takesPhone, 'value', phone.trim());

  // 4. A correction naming an option: "make it B", "actually it's E5".
  const corrected = CORRECTION.exec(t)?.[1];
  if (corrected) {
    const target = namedIn(corrected, options, true);
    if (target) return option(target, 'correction');
  }

  // 5. A wish that holds at any step.
  const wish = recogniseWish(t);
  if (wish) {
    const carrier = options.find((o) => o.wishes?.includes(wish));
    return carrier ? option(carrier, 'wish') : { kind: 'wish', wish };
  }

  // A question back ("what is an admin?") names an option without choosing it.
  if (QUESTION.test(t)) return { kind: 'unknown' };

  // 6. An option named inside the reply (unless the reply negates what the option affirms), or misspelt.
  const yn = yesOrNo(t);
  const named = namedIn(t, options, false);
  if (named && !(yn && named.means && named.means !== yn && !NEGATED.test(wordsOf(named).join(' ')))) return option(named, 'phrase');

  // 7. Yes or no, however said.
  if (yn) {
    const meant = options.filter((o) => o.means === yn || (!options.some((x) => x.means) && (o.value === yn || wordsOf(o).includes(yn))));
    if (meant.length === 1) return option(meant[0]!, 'yesNo');
  }

  const fuzzy = misspelt(t, options);
  if (fuzzy) return option(fuzzy, 'fuzzy');
  return { kind: 'unknown' };
}

/** The one option whose title or synonym appears in the text (the longest wins); undefined if none or two differ. */
function namedIn(t: string, options: readonly Option[], allowWeak: boolean): Option | undefined {
  let best: { option: Option; length: number } | undefined;
  let tie = false;
  for (const o of options) {
    for (const phrase of wordsOf(o)) {
      if (!allowWeak && WEAK.has(phrase)) continue;
      if (phrase.length < (allowWeak ? 1 : 2) || !containsPhrase(t, phrase)) continue;
      if (!best || phrase.length > best.length) {
        tie = !!best && best.option !== o && best.length === phrase.length;
        best = { option: o, length: phrase.length };
      } else if (phrase.length === best.length && best.option !== o) {
        tie = true;
      }
    }
  }
  if (allowWeak && !best) return misspelt(t, options);
  return best && !tie ? best.option : undefined;
}

/** An option's title or synonym typed with a typo or two (words of five letters or more). */
function misspelt(t: string, options: readonly Option[]): Option | undefined {
  if (t.length < 5 || t.length > 60) return undefined;
  const hits = new Set<Option>();
  for (const o of options) {
    for (const phrase of wordsOf(o)) {
      if (phrase.length < 5) continue;
      const cap = phrase.length >= 10 ? 2 : 1;
      if (distance(t, phrase, cap) <= cap) hits.add(o);
    }
  }
  return hits.size === 1 ? [...hits][0] : undefined;
}
