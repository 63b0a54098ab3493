import { LANGUAGES, listInEveryLanguage, translateList, type MessageKey } from '../src/i18n/index.js';

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
 *
 * The words are not here: each language keeps them in its catalog (src/i18n/catalogs/<language>/
 * understanding.json, `|`-separated lists), and a reply is read against all four languages at once, so a
 * German admin may type "yes" and an English one "ja". The turn's language only chooses what is said back.
 *
 * A catalog entry is a word, a phrase or a small pattern, compiled here into a regular expression:
 *   `a/b/(c d)`  one of these (a parenthesised alternative may hold spaces),
 *   `[a/b]`      optionally one of these,
 *   `…`          any words in between (any text, in Chinese).
 * A latin entry matches whole words, with ä/ö/ü/ß and ae/oe/ue/ss taken as the same and an apostrophe
 * optional ("thats" is "that's"). A Chinese entry matches anywhere in the reply, as Chinese has no spaces,
 * but not right after a negation ("不是" is not "是", "没有解决" is not "解决"; understanding.negation.before).
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

// ---------------------------------------------------------------------------------------------------
// Text forms

const FOLDS: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };
/** German typed without umlauts or ß reads the same: "geloest" is "gelöst", "strasse" is "straße". */
export const fold = (text: string): string => text.replace(/[äöüß]/g, (c) => FOLDS[c]!);

const HAN = /\p{Script=Han}/u;
export const hasHan = (text: string): boolean => HAN.test(text);

/**
 * A normalised reply in the two forms entries are matched in, each with the way back to the reply's own
 * positions: `spaced` (folded, a space at either end, for whole latin words) and `dense` (folded, without
 * the spaces next to Chinese characters: "改成 email" is "改成email").
 */
export class Reading {
  readonly spaced: string;
  readonly dense: string;
  private readonly spacedAt: number[] = [0];
  private readonly denseAt: number[] = [];

  constructor(readonly text: string) {
    let spaced = ' ';
    let dense = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      const folded = FOLDS[c] ?? c;
      for (const x of folded) {
        spaced += x;
        this.spacedAt.push(i);
      }
      if (c === ' ' && (HAN.test(text[i - 1] ?? '') || HAN.test(text[i + 1] ?? ''))) continue;
      for (const x of folded) {
        dense += x;
        this.denseAt.push(i);
      }
    }
    this.spaced = `${spaced} `;
    this.spacedAt.push(text.length);
    this.dense = dense;
    this.denseAt.push(text.length);
  }

  /** The span of the reply a match in one of the forms covers. */
  span(han: boolean, index: number, length: number): { start: number; end: number } {
    const at = han ? this.denseAt : this.spacedAt;
    if (length === 0) return { start: at[index]!, end: at[index]! };
    return { start: at[index]!, end: Math.min(this.text.length, at[index + length - 1]! + 1) };
  }
}

/** How an option word or a lexicon word is compared: folded, Chinese without spaces. */
const formOf = (text: string): string => new Reading(text).dense;

// ---------------------------------------------------------------------------------------------------
// Catalog entries as patterns

type Mode = 'anywhere' | 'whole' | 'start';
interface Pattern {
  re: RegExp;
  han: boolean;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const longestFirst = (words: readonly string[]) => [...new Set(words)].sort((a, b) => b.length - a.length);

/** Splits at `separator` outside brackets. */
function splitOutside(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of text) {
    if (c === '(' || c === '[') depth++;
    if (c === ')' || c === ']') depth--;
    if (c === separator && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** The alternatives of one pattern token, as regex source. */
function alternatives(token: string, han: boolean, elongate: boolean): string {
  const words = splitOutside(token, '/').map((w) => fold(w.replace(/^\((.*)\)$/, '$1').toLowerCase().normalize('NFKC')));
  const sources = longestFirst(words.map((w) => (han ? w.replace(/\s+/g, '') : w.replace(/\s+/g, ' ')))).map((w) => {
    let source = escape(w).replace(/'/g, "'?");
    // "hiii", "byeee", "thanksss": the last letter typed more than once.
    if (elongate && !hasHan(w) && /\p{L}$/u.test(w)) source += '+';
    return source;
  });
  return sources.join('|');
}

function compile(entry: string, mode: Mode, elongate: boolean): Pattern {
  const han = hasHan(entry);
  const tokens = splitOutside(entry.replace(/…/g, ' … '), ' ');
  const parts = tokens.map((token) => {
    const optional = token.startsWith('[') && token.endsWith(']');
    if (token === '…') return han ? '.*?' : '(?:\\S+ )*?';
    const alts = alternatives(optional ? token.slice(1, -1) : token, han, elongate);
    if (han) return optional ? `(?:${alts})?` : `(?:${alts})`;
    return optional ? `(?:(?:${alts}) )?` : `(?:${alts}) `;
  });
  const start = mode === 'anywhere' ? (han ? '' : '(?<= )') : han ? '^' : '^ ';
  return { re: new RegExp(`${start}${parts.join('')}${mode === 'whole' ? '$' : ''}`, 'gu'), han };
}

interface LexiconOptions {
  /** A word's last letter may be typed more than once. */
  elongate?: boolean;
  /** Chinese entries match anywhere, whatever the mode (Chinese puts a question word last as often as first). */
  hanAnywhere?: boolean;
}

const compiled = new Map<string, Pattern[]>();

/** The catalog list `key`, in every language, as patterns. */
function lexicon(key: MessageKey, mode: Mode, options: LexiconOptions = {}): Pattern[] {
  const id = `${key}|${mode}|${options.elongate ? 1 : 0}|${options.hanAnywhere ? 1 : 0}`;
  let patterns = compiled.get(id);
  if (!patterns) {
    patterns = listInEveryLanguage(key).map((entry) => compile(entry, options.hanAnywhere && hasHan(entry) ? 'anywhere' : mode, !!options.elongate));
    compiled.set(id, patterns);
  }
  return patterns;
}

const wordSets = new Map<string, string[]>();
/** A catalog list in every language, in the compared form. */
function words(key: MessageKey): string[] {
  let set = wordSets.get(key);
  if (!set) {
    set = longestFirst(listInEveryLanguage(key).map((w) => formOf(w.toLowerCase().normalize('NFKC'))));
    wordSets.set(key, set);
  }
  return set;
}

/** Right after a negation: "不是" for "是", "kein Ticket eröffnen" for "Ticket eröffnen". */
function negatedBefore(reading: Reading, han: boolean, index: number): boolean {
  if (han) {
    const before = reading.dense.slice(Math.max(0, index - 2), index);
    return words('understanding.negation.before').some((n) => hasHan(n) && before.includes(n));
  }
  const before = ` ${reading.spaced.slice(0, index)}`;
  return words('understanding.negation.before').some((n) => !hasHan(n) && before.endsWith(` ${n} `));
}

export interface Found {
  start: number;
  end: number;
  /** Characters matched, in the form matched. */
  length: number;
}

/** The first match of any entry of a list (entries in catalog order, then position), or undefined. */
function find(reading: Reading, key: MessageKey, mode: Mode, options: LexiconOptions & { guard?: boolean } = {}): Found | undefined {
  let best: Found | undefined;
  for (const pattern of lexicon(key, mode, options)) {
    const text = pattern.han ? reading.dense : reading.spaced;
    pattern.re.lastIndex = 0;
    for (let m = pattern.re.exec(text); m; m = pattern.re.exec(text)) {
      if (m[0].length === 0) {
        pattern.re.lastIndex++;
        continue;
      }
      if (options.guard && negatedBefore(reading, pattern.han, m.index)) continue;
      const span = reading.span(pattern.han, m.index, m[0].length);
      if (!best || m[0].length > best.length) best = { ...span, length: m[0].length };
      break;
    }
  }
  return best;
}

/** Whether a reply matches one of a catalog list's entries. */
export function matchesLexicon(reading: Reading, key: MessageKey, mode: Mode, options: LexiconOptions & { guard?: boolean } = {}): boolean {
  return find(reading, key, mode, options) !== undefined;
}

/** The longest entry of a catalog list the reply starts with: where it ends in the reply, or undefined. */
export function startOf(reading: Reading, key: MessageKey, options: LexiconOptions = {}): Found | undefined {
  return find(reading, key, 'start', options);
}

// ---------------------------------------------------------------------------------------------------
// Normalising

interface Fillers {
  start: RegExp[];
  end: RegExp[];
}
let fillerPatterns: Fillers | undefined;

function fillers(): Fillers {
  if (!fillerPatterns) {
    const source = (key: MessageKey, han: boolean) => {
      const list = listInEveryLanguage(key).filter((w) => hasHan(w) === han);
      return longestFirst(list.flatMap((w) => [w, fold(w)])).map((w) => escape(w) + (!han && /\p{L}$/u.test(w) ? '+' : '')).join('|');
    };
    fillerPatterns = {
      start: [new RegExp(`^(?:(?:${source('understanding.filler.start', false)})[\\s,]+)+`, 'u'), new RegExp(`^(?:${source('understanding.filler.start', true)})[\\s,]*(?=\\S)`, 'u')],
      end: [new RegExp(`(?:[\\s,]+(?:${source('understanding.filler.end', false)}))+$`, 'u'), new RegExp(`(?<=\\S)[\\s,]*(?:${source('understanding.filler.end', true)})$`, 'u')],
    };
  }
  return fillerPatterns;
}

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
  const { start, end } = fillers();
  for (let i = 0; i < 3; i++) {
    for (const re of start) t = t.replace(re, '').trim();
    for (const re of end) t = t.replace(re, '').trim();
  }
  return t;
}

const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/i;
/** International or national (leading 0) numbers, and mainland China mobiles typed without either. */
const PHONE = /(?:\+|\b0)\d[\d\s().-]{6,}\d|(?<!\d)1[3-9]\d(?:[\s-]?\d){8}(?!\d)/;

// ---------------------------------------------------------------------------------------------------
// Numbers: "2", "option 2", "the second one", "die zweite", "Nummer 2", "第二个", "2号", "選第二個"

interface NumberPatterns {
  digits: RegExp;
  ordinal: RegExp;
  cardinal: RegExp;
  positions: Map<string, number>;
}
let numberPatterns: NumberPatterns | undefined;

function numbers(): NumberPatterns {
  if (!numberPatterns) {
    const alt = (key: MessageKey) => longestFirst(listInEveryLanguage(key).map((w) => fold(w))).map(escape).join('|');
    // Ordinal and cardinal words by position: each language's list is in order, a slash separating forms.
    const positions = new Map<string, number>();
    const positional = (key: MessageKey, fixed?: number) => {
      for (const language of LANGUAGES) {
        translateList(language, key).forEach((entry, i) => {
          for (const form of entry.split('/')) if (form.trim()) positions.set(fold(form.trim()), fixed ?? i + 1);
        });
      }
    };
    positional('understanding.number.ordinals');
    positional('understanding.number.last', -1);
    const ordinalWords = longestFirst([...positions.keys()]).map(escape).join('|');
    const cardinals = new Map<string, number>();
    for (const language of LANGUAGES) {
      translateList(language, 'understanding.number.cardinals').forEach((entry, i) => {
        for (const form of entry.split('/')) if (form.trim()) cardinals.set(fold(form.trim()), i + 1);
      });
    }
    for (const [word, n] of cardinals) if (!positions.has(word)) positions.set(word, n);
    const cardinalWords = longestFirst([...cardinals.keys()]).map(escape).join('|');
    const suffix = alt('understanding.number.suffix');
    numberPatterns = {
      digits: new RegExp(`^(?:(?:${alt('understanding.number.before')})\\s*)*(\\d{1,2})\\s*(?:${suffix})?$`, 'u'),
      ordinal: new RegExp(`^(?:(?:${alt('understanding.number.ordinalBefore')})\\s*)*(${ordinalWords})(?:\\s*(?:${alt('understanding.number.ordinalAfter')}))?$`, 'u'),
      cardinal: new RegExp(`^(?:(?:${alt('understanding.number.beforeWord')})\\s*)+(${cardinalWords})\\s*(?:${suffix})?$`, 'u'),
      positions,
    };
  }
  return numberPatterns;
}

/** The option number a reply gives, within 1..count. */
function numberOf(t: string, count: number): number | undefined {
  const { digits, ordinal, cardinal, positions } = numbers();
  const folded = fold(t);
  const m = digits.exec(folded) ?? ordinal.exec(folded) ?? cardinal.exec(folded);
  if (!m) return undefined;
  const raw = m[1]!;
  const n = /^\d+$/.test(raw) ? Number(raw) : positions.get(raw);
  if (n === undefined) return undefined;
  const index = n === -1 ? count : n;
  return index >= 1 && index <= count ? index : undefined;
}

// ---------------------------------------------------------------------------------------------------
// Wishes

/** Wishes, recognised in a whole reply, in this order. Shared with the global commands (intents.ts). */
const WISHES: [Wish, MessageKey | undefined, MessageKey][] = [
  ['ticketUpdate', 'understanding.wish.ticketUpdate.phrases', 'understanding.wish.ticketUpdate.replies'],
  ['callMe', 'understanding.wish.callMe.phrases', 'understanding.wish.callMe.replies'],
  ['human', 'understanding.wish.human.phrases', 'understanding.wish.human.replies'],
  ['escalate', 'understanding.wish.escalate.phrases', 'understanding.wish.escalate.replies'],
  ['done', undefined, 'understanding.wish.done.replies'],
];

function wishIn(reading: Reading): { wish: Wish; found: Found } | undefined {
  for (const [wish, phrases, replies] of WISHES) {
    const found = find(reading, replies, 'whole') ?? (phrases ? find(reading, phrases, 'anywhere', { guard: true }) : undefined);
    if (found) return { wish, found };
  }
  return undefined;
}

/** The reply without the words that expressed the wish ("open a ticket, exchange is down" → "exchange is down"). */
export function besidesWish(text: string): string {
  const t = normalise(text);
  const reading = new Reading(t);
  const hit = wishIn(reading);
  if (!hit) return t;
  let rest = `${t.slice(0, hit.found.start)} ${t.slice(hit.found.end)}`.replace(/^[\s,.;:-]*/, '').replace(/\s+/g, ' ').trim();
  const lead = startOf(new Reading(rest), 'understanding.wish.restStart');
  if (lead) rest = rest.slice(lead.end);
  return rest.replace(/\s+/g, ' ').trim();
}

export function recogniseWish(text: string): Wish | undefined {
  const t = normalise(text);
  if (!t || t.length > 200) return undefined;
  return wishIn(new Reading(t))?.wish;
}

// ---------------------------------------------------------------------------------------------------
// Yes and no

function yesOrNo(reading: Reading): 'yes' | 'no' | undefined {
  if (matchesLexicon(reading, 'understanding.no.replies', 'whole')) return 'no';
  if (matchesLexicon(reading, 'understanding.yes.replies', 'whole')) return 'yes';
  if (matchesLexicon(reading, 'understanding.no.anywhere', 'anywhere')) return 'no';
  // The longer start wins: "ich bin nicht" over "ich bin", "没问题" over "没".
  const no = startOf(reading, 'understanding.no.start');
  const yes = startOf(reading, 'understanding.yes.start');
  if (no || yes) return (no?.length ?? 0) >= (yes?.length ?? 0) ? 'no' : 'yes';
  if (matchesLexicon(reading, 'understanding.yes.anywhere', 'anywhere', { guard: true })) return 'yes';
  return undefined;
}

// ---------------------------------------------------------------------------------------------------
// Options named in a reply

const wordsOf = (option: Option) => [option.title, option.value, ...(option.synonyms ?? [])].map(normalise).filter(Boolean).map(formOf);

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

/** A phrase appears in the reply: as whole words, or (Chinese) anywhere but right after a negation. */
function containsPhrase(reading: Reading, phrase: string): boolean {
  if (phrase.length === 0) return false;
  if (!hasHan(phrase)) return reading.spaced.includes(` ${phrase} `);
  for (let i = reading.dense.indexOf(phrase); i >= 0; i = reading.dense.indexOf(phrase, i + 1)) {
    if (!negatedBefore(reading, true, i)) return true;
  }
  return false;
}

/** An option whose own words carry a negation ("didn't help", "不是这个") may be named by a negative reply. */
function negatedOption(option: Option): boolean {
  const reading = new Reading(wordsOf(option).join(' '));
  return words('understanding.negation.words').some((n) => (hasHan(n) ? reading.dense.includes(n) : reading.spaced.includes(` ${n} `)));
}

/** Words that never name an option on their own inside a longer reply (they qualify too much). */
const isWeak = (phrase: string) => words('understanding.weak.words').includes(phrase);

/** Corrections naming an option: "make it B", "mach B daraus", "改成B". */
interface Correction {
  re: RegExp;
}
let correctionPatterns: Correction[] | undefined;

function corrections(): Correction[] {
  if (!correctionPatterns) {
    const alt = (key: MessageKey, han: boolean) =>
      longestFirst(listInEveryLanguage(key).filter((w) => hasHan(w) === han).map((w) => fold(w)))
        .map(escape)
        .join('|');
    correctionPatterns = listInEveryLanguage('understanding.correction.patterns').map((entry) => {
      const han = hasHan(entry);
      const [before = '', after = ''] = fold(entry.toLowerCase()).split('…').map((part) => part.trim());
      const lead = alt('understanding.correction.lead', han);
      const article = alt('understanding.correction.article', han);
      if (han) {
        const compact = (s: string) => escape(s.replace(/\s+/g, ''));
        return { re: new RegExp(`^(?:${lead})?${compact(before)}(?:${article})?(.+?)${compact(after)}$`, 'u') };
      }
      const words = (s: string) => escape(s).replace(/'/g, "'?").replace(/ +/g, '\\s+');
      return {
        re: new RegExp(`^(?:(?:${lead})[\\s,]+)?${before ? `${words(before)}\\s+` : ''}(?:(?:${article})\\s+)?(.+?)${after ? `\\s+${words(after)}` : ''}$`, 'u'),
      };
    });
  }
  return correctionPatterns;
}

/**
 * What the reply means for a question with these options. `unknown` when it names none of them and no
 * wish; a wish no option carries comes back as a wish, for the conversation to act on.
 */
export function understand(reply: string | undefined, options: readonly Option[]): Meaning {
  const t = normalise(reply ?? '');
  if (!t) return { kind: 'unknown' };
  const reading = new Reading(t);
  const option = (o: Option, via: Extract<Meaning, { kind: 'option' }>['via'], captured?: string): Meaning => ({ kind: 'option', value: o.value, via, ...(captured ? { captured } : {}) });

  // 1. The option itself, typed whole.
  const exact = options.find((o) => wordsOf(o).includes(reading.dense));
  if (exact) return option(exact, 'exact');

  // 2. Its number.
  const n = numberOf(t, options.length);
  if (n !== undefined) return option(options[n - 1]!, 'number');

  // 3. A value of the kind an option takes.
  const email = EMAIL.exec(reply ?? '')?.[0];
  const takesEmail = options.find((o) => o.takes === 'email');
  if (email && takesEmail) return option(takesEmail, 'value', email);
  const phone = PHONE.exec((reply ?? '').normalize('NFKC'))?.[0];
  const takesPhone = options.find((o) => o.takes === 'phone');
  if (phone && takesPhone && !email) return option(takesPhone, 'value', phone.trim());

  // 4. A correction naming an option: "make it B", "actually it's E5", "lieber per Telefon", "改成B".
  for (const { re } of corrections()) {
    const corrected = re.exec(hasHan(re.source) ? reading.dense : fold(t))?.[1];
    const target = corrected ? namedIn(new Reading(corrected), options, true) : undefined;
    if (target) return option(target, 'correction');
  }

  // 5. A wish that holds at any step.
  const wish = recogniseWish(t);
  if (wish) {
    const carrier = options.find((o) => o.wishes?.includes(wish));
    return carrier ? option(carrier, 'wish') : { kind: 'wish', wish };
  }

  // A question back ("what is an admin?", "管理员是什么") names an option without choosing it.
  if (matchesLexicon(reading, 'understanding.question.start', 'start', { hanAnywhere: true, guard: true })) return { kind: 'unknown' };

  // 6. An option named inside the reply (unless the reply negates what the option affirms), or misspelt.
  const yn = yesOrNo(reading);
  const named = namedIn(reading, options, false);
  if (named && !(yn && named.means && named.means !== yn && !negatedOption(named))) return option(named, 'phrase');

  // 7. Yes or no, however said.
  if (yn) {
    const meant = options.filter((o) => o.means === yn || (!options.some((x) => x.means) && (o.value === yn || wordsOf(o).includes(yn))));
    if (meant.length === 1) return option(meant[0]!, 'yesNo');
  }

  const fuzzy = misspelt(reading.dense, options);
  if (fuzzy) return option(fuzzy, 'fuzzy');
  return { kind: 'unknown' };
}

/** The one option whose title or synonym appears in the text (the longest wins); undefined if none or two differ. */
function namedIn(reading: Reading, options: readonly Option[], allowWeak: boolean): Option | undefined {
  let best: { option: Option; length: number } | undefined;
  let tie = false;
  for (const o of options) {
    for (const phrase of wordsOf(o)) {
      if (!allowWeak && isWeak(phrase)) continue;
      if (phrase.length < (allowWeak || hasHan(phrase) ? 1 : 2) || !containsPhrase(reading, phrase)) continue;
      if (!best || phrase.length > best.length) {
        tie = !!best && best.option !== o && best.length === phrase.length;
        best = { option: o, length: phrase.length };
      } else if (phrase.length === best.length && best.option !== o) {
        tie = true;
      }
    }
  }
  if (allowWeak && !best) return misspelt(reading.dense, options);
  return best && !tie ? best.option : undefined;
}

/** An option's title or synonym typed with a typo or two (latin words of five letters or more). */
function misspelt(t: string, options: readonly Option[]): Option | undefined {
  if (t.length < 5 || t.length > 60 || hasHan(t)) return undefined;
  const hits = new Set<Option>();
  for (const o of options) {
    for (const phrase of wordsOf(o)) {
      if (phrase.length < 5 || hasHan(phrase)) continue;
      const cap = phrase.length >= 10 ? 2 : 1;
      if (distance(t, phrase, cap) <= cap) hits.add(o);
    }
  }
  return hits.size === 1 ? [...hits][0] : undefined;
}
