// Turns free text (an admin's sentence or an article) into the terms the search index compares.
// The same steps run on both sides, so "licences", "license" and "licensing" meet on one stem, and
// compounds that the tokeniser would break apart ("add-in", "send as", "sign-in") stay one term.

/**
 * Spelling and compound variants rewritten before tokenising. Only variants that name one thing:
 * concept synonyms ("bounce" ~ "NDR") are query-side expansions in synonyms.ts.
 */
const compoundRewrites: ReadonlyArray<readonly [RegExp, string]> = [
  [/\be[- ]?mails?\b/g, 'email'],
  [/\b(?:add|plug)[- ]?ins?\b/g, ' addin '],
  [/\bsen[dt][- ]as\b/g, ' sendas '],
  // "send emails as him", "send mail as the shared mailbox": Send As with the object in between.
  [/\bsen[dt] (?:e-?mails?|mails?|messages?) as (?=(?:him|her|them|me|us|another|other|the|a|an|his|their|our|my|someone|info|sales|support)\b)/g, ' sendas email '],
  [/\bsen[dt][- ]on[- ]behalf(?: of)?\b/g, ' sendonbehalf '],
  [/\bsingle[- ]sign[- ]?on\b/g, ' sso '],
  [/\b(?:sign|log)[- ]?(?:in|on)s?\b/g, ' signin '],
  [/\bset[- ]?ups?\b/g, ' setup '],
  [/\bon[- ]?prem(?:ise|ises)?\b/g, ' onprem '],
  [/\b(?:third|3rd)[- ]?party\b/g, ' thirdparty '],
  [/\bad[- ]?fs\b/g, ' adfs '],
  [/\bre[- ](delegat\w*|activat\w*|enabl\w*|new\w*|assign\w*)/g, ' re$1 '],
  [/\bout[- ]of[- ]office\b/g, ' outofoffice '],
  [/\bmulti[- ]?factor\b/g, ' multifactor '],
  [/\bno[- ]?one\b/g, ' nobody '],
];

/** Terms the rewrites create; stemming them would only make them harder to read in a debug dump. */
const compounds: ReadonlySet<string> = new Set(
  compoundRewrites.map(([, r]) => r.trim()).filter((r) => /^[a-z]+$/.test(r)),
);

/** British and variant spellings that stemming alone would not join. */
const spellingVariants: Readonly<Record<string, string>> = {
  licence: 'license', licences: 'licenses', licenced: 'licensed', licencing: 'licensing',
  cancelled: 'canceled', cancelling: 'canceling', cancellation: 'cancelation', cancellations: 'cancelations',
  organisation: 'organization', organisations: 'organizations', organisational: 'organizational',
  synchronisation: 'synchronization', synchronise: 'synchronize', synchronised: 'synchronized', synchronising: 'synchronizing',
  authorise: 'authorize', authorised: 'authorized', authorisation: 'authorization',
  recognise: 'recognize', recognised: 'recognized', customise: 'customize', customised: 'customized',
  prioritise: 'prioritize', optimise: 'optimize', initialise: 'initialize', centralise: 'centralize',
  behaviour: 'behavior', colour: 'color', centre: 'center', catalogue: 'catalog', favourite: 'favorite',
  analyse: 'analyze', enrol: 'enroll', enrolment: 'enrollment', cheque: 'check', programme: 'program',
  mails: 'email', emails: 'email', mail: 'email', emailed: 'email', emailing: 'email',
  // "Sent" is how admins say "send" failed ("can't sent mail", "emails not sent"); one term for both.
  sent: 'send',
  dont: 'not', doesnt: 'not', didnt: 'not', cant: 'not', cannot: 'not', wont: 'not', isnt: 'not', arent: 'not',
  wasnt: 'not', werent: 'not', couldnt: 'not', shouldnt: 'not', wouldnt: 'not', havent: 'not', hasnt: 'not',
};

/**
 * Function words and chat filler. "not" is here too: it says something is wrong, which the severity
 * hint reads from the raw text, but it does not tell one topic from another. "down" is not: in this
 * domain it is an outage word ("the site is down").
 */
export const stopWords: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both
  but by could did do does doing during each few for from further had has have having he her here hers him his
  how i id if im in into is it its itll ive just me more most my myself no nor not now of off on once only or other
  our ours ourselves out over own same she should so some such than that thats the their theirs them then there
  these they this those through to too under until up very was we were what whats when where which while who whom
  why will with would you your yours yourself youre hi hello hey please thanks thank can get got also still yet
  us let lets want wanted need needs like would could might must shall may anyone someone something anything
  really just even ever every much many way able trying try tried keep keeps since today yesterday theres heres
  wheres hows whos ill weve theyre youve shes hes ok okay`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * All compound rewrites as one alternation, so a long article body is scanned once rather than once
 * per rewrite (indexing 10,000 articles spends most of its time here). Each rewrite's own capture
 * groups are counted to find which alternative matched.
 */
const compoundPattern = new RegExp(compoundRewrites.map(([p]) => `(${p.source})`).join('|'), 'g');
const compoundGroupStarts: number[] = (() => {
  const starts: number[] = [];
  let group = 1;
  for (const [p] of compoundRewrites) {
    starts.push(group);
    group += 1 + (new RegExp(`${p.source}|`).exec('')!.length - 1);
  }
  return starts;
})();

function rewriteCompound(match: string, ...groups: unknown[]): string {
  const i = compoundGroupStarts.findIndex((start) => groups[start - 1] !== undefined);
  const start = compoundGroupStarts[i]!;
  // $1.. in a replacement refer to the rewrite's own groups, which follow its wrapping group.
  return compoundRewrites[i]![1].replace(/\$(\d)/g, (_, d: string) => String(groups[start - 1 + Number(d)] ?? ''));
}

/** Lowercases, strips accents and apostrophes, and applies the compound rewrites. */
export function normalizeText(text: string): string {
  // Decomposing accents is only needed when there are non-ASCII letters; most text has none.
  const folded = /[^\x00-\x7f]/.test(text) ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '') : text;
  return folded
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/(\w)'(\w)/g, '$1$2')
    .replace(compoundPattern, rewriteCompound);
}

const variantMap: ReadonlyMap<string, string> = new Map(Object.entries(spellingVariants));

/** Splits normalised text into surface tokens (letters and digits), applying spelling variants. */
export function tokenize(normalized: string): string[] {
  const tokens = normalized.match(/[a-z0-9]+/g) ?? [];
  for (let i = 0; i < tokens.length; i++) {
    const variant = variantMap.get(tokens[i]!);
    if (variant !== undefined) tokens[i] = variant;
  }
  return tokens;
}

/**
 * A light suffix stripper. It only needs to be consistent between articles and queries, not
 * linguistically right: "addresses" and "address" both become "addres", "installing" and "install"
 * both "instal".
 */
const stemCache = new Map<string, string>();

export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = stripSuffixes(word);
    // Word frequencies follow Zipf's law, so a bounded memo answers most look-ups when indexing.
    if (stemCache.size < 200_000) stemCache.set(word, stemmed);
  }
  return stemmed;
}

function stripSuffixes(word: string): string {
  if (word.length <= 3 || /\d/.test(word) || compounds.has(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ization')) w = w.slice(0, -5);
  else if (w.endsWith('uration')) w = w.slice(0, -5);
  else if (w.endsWith('ation') && w.length > 7) w = w.slice(0, -3);
  else if (w.endsWith('ing') && w.length >= 6) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length >= 5) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  if (w.length > 3 && w.at(-1) === w.at(-2) && /[a-z]/.test(w.at(-1)!)) w = w.slice(0, -1);
  return w;
}

/** Content terms of a text: normalised, tokenised, without stop words, stemmed. */
export function analyze(text: string): string[] {
  return contentTerms(tokenize(normalizeText(text)));
}

/** Stems of the tokens that are not stop words. */
export function contentTerms(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of tokens) {
    const s = contentStem(t);
    if (s !== null) out.push(s);
  }
  return out;
}

/** One memo for "stop word or stem" per token: indexing looks up each of millions of tokens once. */
const contentStemCache = new Map<string, string | null>();

function contentStem(token: string): string | null {
  let s = contentStemCache.get(token);
  if (s === undefined) {
    s = stopWords.has(token) ? null : stripSuffixes(token);
    if (contentStemCache.size < 200_000) contentStemCache.set(token, s);
  }
  return s;
}

/** Every term of a text in order, stop words included (stemmed), for matching exact phrases. */
export function analyzeAll(text: string): string[] {
  return tokenize(normalizeText(text)).map(stem);
}

/** Adjacent pairs of content terms, written "a_b"; they reward phrases such as "shared mailbox". */
export function bigrams(terms: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < terms.length; i++) out.push(`${terms[i - 1]}_${terms[i]}`);
  return out;
}
