import { randomUUID } from 'node:crypto';
import type { Language } from '../i18n/index.js';
import { recordEvent } from '../outbox/index.js';
import type { Cloud } from '../support/index.js';
import type { Db, Queryable } from '../storage/index.js';
import { addToCaseDays, caseContribution, type CaseDayRow } from './caseDays.js';
import { storeGap, type GapRecord } from './gaps.js';
import { mayBecome, type CaseOutcome } from './outcomes.js';
import { reportDay } from './reportDay.js';
import { scrubSample } from './scrub.js';

/** What is known when a case starts; unknown parts are recorded as "unknown" and may be filled in later. */
export interface CaseStart {
  conversationId: string;
  channelId: string;
  language: Language;
  cloud: Cloud | null;
  /** The admin's words (not stored: the gaps keep scrubbed samples of the words that matter). */
  text: string;
  topic: string | null;
  category: string | null;
  confidence: number | null;
  at?: Date;
}

export type SatisfactionKey = { caseId?: string; ticketNumber?: string };

export interface SatisfactionAnswer {
  caseId: string | null;
  ticketNumber: string | null;
  about: 'self_help' | 'ticket';
  score: number;
  comment: string | null;
  conversationId: string;
  channelId: string;
  language: Language;
  at?: Date;
}

/** What the conversation records (dialogs/caseInsights.ts, dialogs/satisfaction.ts). */
export interface InsightsRecorder {
  /** A new case (problem) begins in a conversation; returns its id. A conversation may have several. */
  startCase(c: CaseStart): Promise<string>;
  /** What the case is about changed (a topic picked, the cloud learnt): its counts move with it. */
  updateCase(caseId: string, patch: Partial<Pick<CaseStart, 'topic' | 'category' | 'cloud' | 'language' | 'confidence'>>): Promise<void>;
  /** The admin's latest activity in the case (the abandon job reads it). */
  touchCase(caseId: string, at?: Date): Promise<void>;
  /** How the case ended (see `mayBecome`: the first outcome stands, with its two exceptions). */
  endCase(caseId: string, outcome: CaseOutcome, opts?: { ticketNumber?: string; at?: Date }): Promise<void>;
  /** An answer to the satisfaction question; the first answer per case or request counts. */
  recordSatisfaction(s: SatisfactionAnswer): Promise<void>;
  satisfactionAsked(key: SatisfactionKey): Promise<boolean>;
  /** Marks the question asked; false when it already was (two instances, a second resolution). */
  markSatisfactionAsked(key: SatisfactionKey): Promise<boolean>;
  /** A problem the assistant could not place; the text is scrubbed of personal data before it is stored. */
  recordGap(g: GapRecord): Promise<void>;
}

export interface InsightsRecorderOptions {
  now?: () => Date;
  /** The reporting time zone (INSIGHTS_TIME_ZONE); UTC by default. */
  timeZone?: string;
}

const UNKNOWN = 'unknown';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A case id as stored; anything else (a card's value can be anything) names no case. */
const caseIdOrNull = (id: string | null | undefined) => (id && UUID.test(id) ? id : null);

interface CaseRow extends CaseDayRow {
  outcome: CaseOutcome | null;
  first_in_conversation: boolean;
}

const subjectOf = (key: SatisfactionKey): string => {
  if (key.ticketNumber) return `ticket:${key.ticketNumber}`;
  if (key.caseId) return `case:${key.caseId}`;
  throw new Error('a satisfaction question is about a case or a request');
};

async function lockedCase(tx: Queryable, caseId: string): Promise<CaseRow | undefined> {
  if (!caseIdOrNull(caseId)) return undefined;
  return (
    await tx.query<CaseRow>(
      'SELECT report_day::text, channel_id, language, cloud, category, topic, outcome, first_in_conversation FROM insight_cases WHERE id = $1 FOR UPDATE',
      [caseId],
    )
  ).rows[0];
}

export function createInsightsRecorder(db: Db, opts: InsightsRecorderOptions = {}): InsightsRecorder {
  const now = opts.now ?? (() => new Date());
  const zone = opts.timeZone ?? 'UTC';

  return {
    async startCase(c) {
      const id = randomUUID();
      const at = c.at ?? now();
      await db.transaction(async (tx) => {
        const key: CaseDayRow = {
          report_day: reportDay(at, zone),
          channel_id: c.channelId || UNKNOWN,
          language: c.language,
          cloud: c.cloud ?? UNKNOWN,
          category: c.category ?? UNKNOWN,
          topic: c.topic ?? UNKNOWN,
        };
        const { rows } = await tx.query<{ first: boolean }>(
          `INSERT INTO insight_cases (id, conversation_id, first_in_conversation, channel_id, language, cloud, category, topic, confidence, started_at, report_day, last_activity_at)
           SELECT $1, $2, NOT EXISTS (SELECT 1 FROM insight_cases WHERE conversation_id = $2), $3, $4, $5, $6, $7, $8, $9, $10, $9
           RETURNING first_in_conversation AS first`,
          [id, c.conversationId, key.channel_id, key.language, key.cloud, key.category, key.topic, c.confidence, at, key.report_day],
        );
        await addToCaseDays(tx, key, caseContribution({ outcome: null, first_in_conversation: rows[0]!.first }, 1));
      });
      return id;
    },

    async updateCase(caseId, patch) {
      await db.transaction(async (tx) => {
        const row = await lockedCase(tx, caseId);
        if (!row) return;
        const next: CaseDayRow = {
          ...row,
          ...(patch.topic !== undefined ? { topic: patch.topic ?? UNKNOWN } : {}),
          ...(patch.category !== undefined ? { category: patch.category ?? UNKNOWN } : {}),
          ...(patch.cloud !== undefined ? { cloud: patch.cloud ?? UNKNOWN } : {}),
          ...(patch.language !== undefined ? { language: patch.language } : {}),
        };
        await tx.query('UPDATE insight_cases SET topic = $2, category = $3, cloud = $4, language = $5, confidence = coalesce($6, confidence) WHERE id = $1', [
          caseId,
          next.topic,
          next.category,
          next.cloud,
          next.language,
          patch.confidence ?? null,
        ]);
        const moved = (['topic', 'category', 'cloud', 'language'] as const).some((k) => next[k] !== row[k]);
        if (!moved) return;
        await addToCaseDays(tx, row, caseContribution(row, -1));
        await addToCaseDays(tx, next, caseContribution(row, 1));
      });
    },

    async touchCase(caseId, at) {
      if (!caseIdOrNull(caseId)) return;
      await db.query('UPDATE insight_cases SET last_activity_at = greatest(last_activity_at, $2) WHERE id = $1', [caseId, at ?? now()]);
    },

    async endCase(caseId, outcome, options = {}) {
      const at = options.at ?? now();
      await db.transaction(async (tx) => {
        const row = await lockedCase(tx, caseId);
        if (!row || !mayBecome(row.outcome, outcome)) return;
        await tx.query('UPDATE insight_cases SET outcome = $2, ended_at = $3, ticket_number = coalesce($4, ticket_number), last_activity_at = greatest(last_activity_at, $3) WHERE id = $1', [
          caseId,
          outcome,
          at,
          options.ticketNumber ?? null,
        ]);
        await addToCaseDays(tx, row, { ...(row.outcome ? { [row.outcome]: -1 } : {}), [outcome]: 1 });
      });
    },

    async recordSatisfaction(s) {
      const at = s.at ?? now();
      const score = Math.round(s.score);
      if (!(score >= 1 && score <= 5)) throw new RangeError(`a satisfaction score is 1 to 5, not ${s.score}`);
      const comment = s.comment ? scrubSample(s.comment).slice(0, 1000) || null : null;
      const givenCaseId = caseIdOrNull(s.caseId);
      const subject = subjectOf(s.about === 'ticket' && s.ticketNumber ? { ticketNumber: s.ticketNumber } : { caseId: s.caseId ?? undefined });
      await db.transaction(async (tx) => {
        // What it was about: the case's, else the request's (its own case, or the read model of requests).
        const about = (
          await tx.query<{ case_id: string | null; cloud: string; category: string; topic: string }>(
            `SELECT id::text AS case_id, cloud, category, topic FROM insight_cases WHERE id = $1::uuid OR ($2::text IS NOT NULL AND ticket_number = $2)
             UNION ALL SELECT NULL, cloud, category, topic FROM insight_tickets WHERE number = $2
             LIMIT 1`,
            [givenCaseId, s.ticketNumber],
          )
        ).rows[0];
        const caseId = givenCaseId ?? about?.case_id ?? null;
        const { rowCount } = await tx.query(
          `INSERT INTO insight_satisfaction (subject, about, case_id, ticket_number, score, comment, conversation_id, channel_id, language, cloud, category, topic, at, report_day)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT (subject) DO NOTHING`,
          [
            subject,
            s.about,
            caseId,
            s.ticketNumber,
            score,
            comment,
            s.conversationId,
            s.channelId || UNKNOWN,
            s.language,
            about?.cloud ?? UNKNOWN,
            about?.category ?? UNKNOWN,
            about?.topic ?? UNKNOWN,
            at,
            reportDay(at, zone),
          ],
        );
        if (!rowCount) return;
        await recordEvent(tx, {
          type: 'satisfaction.recorded',
          subject: s.ticketNumber,
          occurredAt: at,
          data: {
            score,
            comment,
            about: s.about,
            ticketNumber: s.ticketNumber,
            conversationId: s.conversationId,
            channelId: s.channelId,
            language: s.language,
            topic: about?.topic && about.topic !== UNKNOWN ? about.topic : null,
            caseId,
          },
        });
      });
    },

    async satisfactionAsked(key) {
      return (await db.query('SELECT 1 FROM insight_satisfaction_asked WHERE subject = $1', [subjectOf(key)])).rows.length > 0;
    },

    async markSatisfactionAsked(key) {
      const { rowCount } = await db.query('INSERT INTO insight_satisfaction_asked (subject, asked_at) VALUES ($1, $2) ON CONFLICT (subject) DO NOTHING', [subjectOf(key), now()]);
      return rowCount === 1;
    },

    async recordGap(g) {
      const at = g.at ?? now();
      await db.transaction((tx) => storeGap(tx, { ...g, caseId: caseIdOrNull(g.caseId), at, reportDay: reportDay(at, zone) }));
    },
  };
}
