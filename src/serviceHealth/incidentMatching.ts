// Whether an active incident concerns the admin's problem, and why, in words. The product alone is
// never enough ("Outlook asks for a password after MFA" is an Exchange-ish problem, but not the
// Exchange mail-delay incident): an incident matches when it is filed under the case's topic, or when
// it is about the case's product and the admin's own words overlap enough with its title, summary and
// user impact. Words are compared as the knowledge module compares them (normalised, stemmed, without
// stop words), so "emails delayed" meets "delays sending mail".
import { catalog, formatList, translate, type Language, type MessageKey } from '../i18n/index.js';
import { analyze } from '../knowledge/index.js';

/** The parts of an incident that matching reads (an `Incident` of incidents.ts has them all). */
export interface MatchableIncident {
  title: string;
  product: string;
  topics: string[];
  summary: string;
  userImpact: string;
  startedAt: Date;
}

/** What the conversation knows about the problem. */
export interface IncidentQuery {
  /** The admin's own description of the problem. */
  problem?: string | null;
  /** Taxonomy topic id, e.g. "exchange.mail-flow". */
  topic?: string | null;
  /** Product of the topic, e.g. "Exchange Online". */
  product?: string | null;
  /** Category of the case: technical, billing, presales, support, out-of-scope. */
  category?: string | null;
  /** The language the reason is written in (the admin's); English when not given. */
  language?: Language;
}

export interface IncidentMatch<I extends MatchableIncident = MatchableIncident> {
  incident: I;
  /** Higher is closer: a topic match outranks any overlap of words. */
  score: number;
  /** "Matched because: it's about Exchange Online (mail flow), and your message mentions 'emails' and 'delayed'". */
  reason: string;
  /** The admin's words that the incident also uses. */
  words: string[];
}

/** Topic of an admin asking whether a service has a known problem; any incident may then be the answer. */
const SERVICE_HEALTH_TOPIC = 'support.service-health';

/**
 * Words of incident write-ups that say nothing about which problem it is ("some users may see"),
 * and product-name words shared by many products.
 */
const boilerplate: ReadonlySet<string> = new Set(
  analyze('sample data local demo user users some may see seen engineer engineers issue issues problem problems incident advisory microsoft office 365 online service services usual'),
);

/** Shared words needed with the product: three, or two that make up most of what the admin wrote. */
const MIN_SHARED = 2;
const ENOUGH_SHARED = 3;
const MIN_SHARE_OF_PROBLEM = 0.6;

const distinct = (terms: readonly string[]): Set<string> => new Set(terms.filter((t) => !boilerplate.has(t)));

/** Stem → the first word the admin typed that has it, for quoting their own words back. */
function surfaceWords(problem: string): Map<string, string> {
  const words = new Map<string, string>();
  for (const raw of problem.split(/\s+/)) {
    const word = raw.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
    if (!word) continue;
    for (const term of analyze(word)) if (!words.has(term)) words.set(term, word);
  }
  return words;
}

function quoted(words: readonly string[], language: Language): string {
  return formatList(language, words.map((word) => translate(language, 'incident.reason.word', { word })));
}

const sameText = (a: string | null | undefined, b: string): boolean => !!a && a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * "Exchange Online (mail flow)" from the incident's product and the topic id "exchange.mail-flow"; in the
 * other languages the topic's name from the catalog ("Exchange Online (E-Mails kommen nicht an ...)").
 */
function areaInWords(product: string, topic: string, language: Language): string {
  const name = `topic.${topic}`;
  if (language !== 'en' && name in catalog(language)) return `${product} (${translate(language, name as MessageKey)})`;
  const tail = topic.split('.').slice(1).join(' ').replace(/-/g, ' ').trim();
  return tail ? `${product} (${tail})` : product;
}

/** Scores one incident against the case; undefined when it does not concern the admin's problem. */
export function matchIncident<I extends MatchableIncident>(incident: I, query: IncidentQuery): IncidentMatch<I> | undefined {
  const problem = query.problem?.trim() ?? '';
  const productTerms = new Set(analyze(incident.product));
  const problemTerms = [...distinct(analyze(problem))].filter((t) => !productTerms.has(t));
  const incidentTerms = distinct(analyze(`${incident.title} ${incident.summary} ${incident.userImpact}`));
  const shared = problemTerms.filter((t) => incidentTerms.has(t));
  const surface = surfaceWords(problem);
  const words = shared.map((t) => surface.get(t) ?? t);
  const language = query.language ?? 'en';
  const mentions = words.length ? translate(language, 'incident.reason.mentions', { words: quoted(words, language) }) : '';

  const topicMatch = !!query.topic && incident.topics.includes(query.topic);
  if (topicMatch) {
    return { incident, score: 100 + shared.length, words, reason: translate(language, 'incident.reason.topic', { area: areaInWords(incident.product, query.topic!, language), mentions }) };
  }

  const enoughWords = shared.length >= ENOUGH_SHARED || (shared.length >= MIN_SHARED && shared.length / Math.max(1, problemTerms.length) >= MIN_SHARE_OF_PROBLEM);
  const namesProduct = [...productTerms].some((t) => !boilerplate.has(t) && analyze(problem).includes(t));

  // The admin asks whether a service has a known problem: naming the service, or describing the symptom, is enough.
  if (query.topic === SERVICE_HEALTH_TOPIC && (namesProduct || enoughWords)) {
    return { incident, score: 10 * shared.length + (namesProduct ? 5 : 0), words, reason: namesProduct ? translate(language, 'incident.reason.knownIssuesWith', { product: incident.product, mentions }) : translate(language, 'incident.reason.knownIssues', { mentions }) };
  }

  // Otherwise the incident must be about the case's product (or the product the admin named) and share enough words.
  if (query.category && query.category !== 'technical') return undefined;
  const sameProduct = sameText(query.product, incident.product) || namesProduct;
  if (!sameProduct || !enoughWords) return undefined;
  return { incident, score: 10 * shared.length, words, reason: translate(language, 'incident.reason.product', { product: incident.product, mentions }) };
}

/** The incidents that match, closest first (the most recent first among equals). */
export function matchIncidents<I extends MatchableIncident>(incidents: readonly I[], query: IncidentQuery): IncidentMatch<I>[] {
  return incidents
    .map((incident) => matchIncident(incident, query))
    .filter((m): m is IncidentMatch<I> => m !== undefined)
    .sort((a, b) => b.score - a.score || b.incident.startedAt.getTime() - a.incident.startedAt.getTime());
}
