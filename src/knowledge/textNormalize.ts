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
  [/\bsend[- ]as\b/g, ' sendas '],
  [/\bsend[- ]on[- ]behalf(?: of)?\b/g, ' sendonbehalf '],
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
  dont: 'not', doesnt: 'not', didnt: 'not', cant: 'not', cannot: 'not', wont: 'not', isnt: 'not', arent: 'not',
  wasnt: 'not', werent: 'not', couldnt: 'not', shouldnt: 'not', wouldnt: 'not', havent: 'not', hasnt: 'not',
};

/**
 * Function words and chat filler. "not" is here too: it says something is wrong, which the severity
 * hint reads from the raw text, but it does not tell one topic from another.
 */
export const stopWords: ReadonlySet<string> = new Set(
  `a about above after again against all am an and any are as at be because been before being below between both
  but by could did do does doing down during each few for from further had has have having he her here hers him his
  how i id if im in into is it its itll ive just me more most my myself no nor not now of off on once only or other
  our ours ourselves out over own same she should so some such than that thats the their theirs them then there
  these they this those through to too under until up very was we were what whats when where which while who whom
  why will with would you your yours yourself youre hi hello hey please thanks thank can get got also still yet
  us let lets want wanted need needs like would could might must shall may anyone someone something anything
  really just even ever every much many way able trying try tried keep keeps since today yesterday`
    .split(/\s+/)
    .filter(Boolean),
);
// "down" is an outage word in this domain ("site is down"): keep it as a term.
(stopWords as Set<string>).delete('down');

/** Lowercases, strips accents and apostrophes, and applies the compound rewrites. */
export function normalizeText(text: string): string {
  let out = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/(\w)'(\w)/g, '$1$2');
  for (const [pattern, replacement] of compoundRewrites) out = out.replace(pattern, replacement);
  return out;
}

/** Splits normalised text into surface tokens (letters and digits), applying spelling variants. */
export function tokenize(normalized: string): string[] {
  const tokens = normalized.match(/[a-z0-9]+/g) ?? [];
  return tokens.map((t) => spellingVariants[t] ?? t);
}

/**
 * A light suffix stripper. It only needs to be consistent between articles and queries, not
 * linguistically right: "addresses" and "address" both become "addres", "installing" and "install"
 * both "instal".
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
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
  return tokenize(normalizeText(text))
    .filter((t) => !stopWords.has(t))
    .map(stem);
}

/** Adjacent pairs of content terms, written "a_b"; they reward phrases such as "shared mailbox". */
export function bigrams(terms: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 1; i < terms.length; i++) out.push(`${terms[i - 1]}_${terms[i]}`);
  return out;
}
