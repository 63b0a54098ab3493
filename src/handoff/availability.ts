import { translate, type Language } from '../i18n/index.js';
import { countryOfTimeZone, isSupportOpen, joinSentences, type Cloud, type SupportKind } from '../support/index.js';
import { minutesInQueue } from '../tickets/index.js';

/**
 * Whether a person can help now, for the widget's header and the first message: agents online and
 * free, the expected wait to reach one, and whether the support lines of the admin's region are open.
 * The header used to promise "replies in seconds" whatever the truth; this says what is so.
 *
 * The counts come from the database at most once per `cacheMs` (the status is asked by every widget
 * that opens, publicly), the rest is computed per request from the admin's cloud and time zone.
 */

export type AgentsState = 'available' | 'busy' | 'offline';

export interface AvailabilityQuery {
  cloud?: Cloud;
  /** IANA zone of the admin (the widget's browser zone, the activity's localTimezone). */
  timeZone?: string;
  language?: Language;
  locale?: string;
}

export interface LineHours {
  /** Null when the source names the days but not the hours and today is one of them. */
  open: boolean | null;
  /** ISO time of the next opening, when closed. */
  opensAt?: string;
  /** The support rules' own sentence, in the query's language. */
  text: string;
}

export interface Availability {
  agents: AgentsState;
  /** Minutes until a person could join a chat asked for now; null when no agent is online. */
  waitMinutes: number | null;
  /** Technical and billing support of the admin's region (pre-sales keeps billing's hours). */
  hours: Record<Exclude<SupportKind, 'presales'>, LineHours>;
  /** One short line for the widget's header. */
  headline: string;
  /** A sentence or two for the first message. */
  summary: string;
  checkedAt: string;
}

export interface AvailabilityDeps {
  /** Agents online now, and those online and not in a live chat. */
  agents: { onlineCount(): Promise<number>; availableCount(): Promise<number> };
  /** Tickets waiting for an agent now. */
  waitingTickets(): Promise<number>;
  now?: () => Date;
  /** How long the counts are reused. Default 10 s. */
  cacheMs?: number;
}

interface Counts {
  online: number;
  available: number;
  waiting: number;
}

export interface AvailabilityService {
  current(query?: AvailabilityQuery): Promise<Availability>;
}

/**
 * The wait to reach a person: the queue model of the ticket estimates, where an agent busy in a chat
 * counts as one request ahead of the admin (the chat has to end first).
 */
export function waitToReachAgent(counts: Counts): number | null {
  if (counts.online <= 0) return null;
  const busy = Math.max(0, counts.online - counts.available);
  return minutesInQueue(counts.waiting + busy, counts.online);
}

/** The status from counts already read. Pure, for tests with fixed clocks. */
export function describeAvailability(counts: Counts, query: AvailabilityQuery, now: Date): Availability {
  const language = query.language ?? 'en';
  const say = (key: Parameters<typeof translate>[1], values?: Parameters<typeof translate>[2]) => translate(language, key, values, query.locale);
  const agents: AgentsState = counts.online <= 0 ? 'offline' : counts.available > 0 ? 'available' : 'busy';
  const waitMinutes = waitToReachAgent(counts);
  const cloud = query.cloud ?? 'worldwide';
  const country = countryOfTimeZone(query.timeZone);
  const line = (kind: Exclude<SupportKind, 'presales'>): LineHours => {
    const status = isSupportOpen({ cloud, kind, timeZone: query.timeZone, country, at: now, language, locale: query.locale });
    return { open: status.open, opensAt: status.opensAt?.toISOString(), text: status.text };
  };
  const hours = { technical: line('technical'), billing: line('billing') };
  const wait = waitMinutes ?? 0;
  const sentences = [say('availability.summary', { agents, wait })];
  // Only what the admin would not assume: a line that is closed now (technical is 24/7 in most clouds).
  if (hours.technical.open === false) sentences.push(hours.technical.text);
  if (hours.billing.open === false) sentences.push(hours.billing.text);
  return {
    agents,
    waitMinutes,
    hours,
    headline: say('availability.headline', { agents, wait }),
    summary: joinSentences(language, sentences),
    checkedAt: now.toISOString(),
  };
}

export function createAvailability(deps: AvailabilityDeps): AvailabilityService {
  const now = deps.now ?? (() => new Date());
  const cacheMs = deps.cacheMs ?? 10_000;
  let cached: { at: number; counts: Promise<Counts> } | undefined;
  const counts = (): Promise<Counts> => {
    const at = now().getTime();
    if (!cached || at - cached.at >= cacheMs) {
      const reading = Promise.all([deps.agents.onlineCount(), deps.agents.availableCount(), deps.waitingTickets()]).then(([online, available, waiting]) => ({
        online,
        available,
        waiting,
      }));
      cached = { at, counts: reading };
      // A failed read is not kept: the next ask tries again.
      reading.catch(() => {
        if (cached?.counts === reading) cached = undefined;
      });
    }
    return cached.counts;
  };
  return {
    async current(query = {}) {
      return describeAvailability(await counts(), query, now());
    },
  };
}
