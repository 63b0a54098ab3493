import { DateTime } from 'luxon';
import type { Db } from '../storage/index.js';
import { outcomeColumns } from './caseDays.js';
import { gapReasons, type GapReason } from './outcomes.js';
import { today } from './reportDay.js';

/**
 * The figures managers read (docs/insights.md defines each). Case figures come from the daily rollup,
 * satisfaction, gaps, objectives and agents' times from their own tables by reporting day; every query
 * is bounded by an index on the day, whatever the number of cases.
 */

export const breakdownDimensions = ['topic', 'category', 'channel', 'language', 'cloud'] as const;
export type BreakdownDimension = (typeof breakdownDimensions)[number];

export interface InsightsRange {
  /** First and last day, inclusive, in the reporting zone ("2026-11-01"). */
  from: string;
  to: string;
  bucket: 'day' | 'week';
  channel?: string;
  language?: string;
  cloud?: string;
  category?: string;
  topic?: string;
}

export interface OutcomeCounts {
  cases: number;
  selfHelp: number;
  incident: number;
  escalated: number;
  handedToPerson: number;
  abandoned: number;
  refused: number;
  /** No outcome yet (the admin is still in it, or it is too recent to count as abandoned). */
  open: number;
}

export interface OutcomeRates {
  selfHelpRate: number | null;
  deflectionRate: number | null;
  escalationRate: number | null;
  handoffRate: number | null;
  abandonRate: number | null;
  refusalRate: number | null;
}

const COLUMN_OF: Record<BreakdownDimension, string> = { topic: 'topic', category: 'category', channel: 'channel_id', language: 'language', cloud: 'cloud' };
const FILTERS = ['channel', 'language', 'cloud', 'category', 'topic'] as const;

const num = (v: unknown) => Number(v ?? 0);
const rate = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const median = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);

/** The rates over the cases that ended (an open case has no outcome to count yet). */
export function outcomeRates(c: OutcomeCounts): OutcomeRates {
  const ended = c.cases - c.open;
  return {
    selfHelpRate: rate(c.selfHelp, ended),
    deflectionRate: rate(c.selfHelp + c.incident, ended),
    escalationRate: rate(c.escalated + c.handedToPerson, ended),
    handoffRate: rate(c.handedToPerson, ended),
    abandonRate: rate(c.abandoned, ended),
    refusalRate: rate(c.refused, ended),
  };
}

/** `WHERE` for the range and filters on a table with these columns; parameters from $1. */
function where(r: InsightsRange, columns: Partial<Record<(typeof FILTERS)[number], string>> = { channel: 'channel_id', language: 'language', cloud: 'cloud', category: 'category', topic: 'topic' }, dayColumn = 'report_day') {
  const params: unknown[] = [r.from, r.to];
  const clauses = [`${dayColumn} BETWEEN $1::date AND $2::date`];
  for (const f of FILTERS) {
    const value = r[f];
    const column = columns[f];
    if (value === undefined || !column) continue;
    params.push(value);
    clauses.push(`${column} = $${params.length}`);
  }
  return { sql: clauses.join(' AND '), params };
}

/**
 * Where case figures come from: with nothing narrowing them, or one filter and no breakdown, the rollup
 * by one dimension at a time (a few rows per day); with more, every combination (insight_case_days).
 */
function caseSource(r: InsightsRange, by?: BreakdownDimension): { table: string; sql: string; params: unknown[]; key: string } {
  const filters = FILTERS.filter((f) => r[f] !== undefined);
  if (by && filters.length === 0) return { table: 'insight_case_day_keys', sql: 'dim = $3 AND report_day BETWEEN $1::date AND $2::date', params: [r.from, r.to, by], key: 'key' };
  if (!by && filters.length <= 1) {
    const dim = filters[0] ?? 'all';
    return { table: 'insight_case_day_keys', sql: 'dim = $3 AND key = $4 AND report_day BETWEEN $1::date AND $2::date', params: [r.from, r.to, dim, filters[0] ? r[filters[0]] : 'all'], key: 'key' };
  }
  const w = where(r);
  return { table: 'insight_case_days', ...w, key: by ? COLUMN_OF[by] : "'all'" };
}

const bucketOf = (r: InsightsRange, column = 'report_day') => (r.bucket === 'week' ? `date_trunc('week', ${column})::date::text` : `${column}::text`);

/** Every bucket of the range, so a chart has its empty days too. */
export function bucketsOf(r: InsightsRange): string[] {
  const out: string[] = [];
  const last = DateTime.fromISO(r.to, { zone: 'UTC' });
  let day = DateTime.fromISO(r.from, { zone: 'UTC' });
  if (r.bucket === 'week') day = day.startOf('week');
  while (day <= last) {
    out.push(day.toISODate()!);
    day = day.plus(r.bucket === 'week' ? { weeks: 1 } : { days: 1 });
  }
  return out;
}

const SUMS = `sum(conversations) AS conversations, sum(cases) AS cases, ${outcomeColumns.map((c) => `sum(${c}) AS ${c}`).join(', ')}`;

function countsOf(row: Record<string, unknown> | undefined): OutcomeCounts & { conversations: number } {
  const cases = num(row?.cases);
  const counts = {
    conversations: num(row?.conversations),
    cases,
    selfHelp: num(row?.self_help),
    incident: num(row?.incident),
    escalated: num(row?.escalated),
    handedToPerson: num(row?.handed_to_person),
    abandoned: num(row?.abandoned),
    refused: num(row?.refused),
    open: 0,
  };
  counts.open = cases - counts.selfHelp - counts.incident - counts.escalated - counts.handedToPerson - counts.abandoned - counts.refused;
  return counts;
}

export interface ObjectiveCounts {
  tickets: number;
  met: number;
  missed: number;
  pending: number;
  metRate: number | null;
}

/**
 * Each request with a committed objective, as the console's request view reads it
 * (src/tickets/responseObjective.ts): met or missed by the first agent response; without one, missed once
 * the due time passed while open (or it ended after it), pending while open before it; ended before its
 * due time without a response, it needed none and is not counted.
 */
const OBJECTIVE_STATE = `CASE
  WHEN first_response_at IS NOT NULL THEN CASE WHEN first_response_at <= response_due_at THEN 'met' ELSE 'missed' END
  WHEN status IN ('resolved', 'closed') THEN CASE WHEN coalesce(resolved_at, closed_at) > response_due_at THEN 'missed' ELSE 'none' END
  WHEN $NOW::timestamptz >= response_due_at THEN 'missed'
  ELSE 'pending' END`;

function objectiveCounts(row: Record<string, unknown> | undefined): ObjectiveCounts {
  const met = num(row?.met);
  const missed = num(row?.missed);
  return { tickets: met + missed + num(row?.pending), met, missed, pending: num(row?.pending), metRate: rate(met, met + missed) };
}

export interface InsightsReader {
  summary(r: InsightsRange): Promise<{
    totals: OutcomeCounts & OutcomeRates & { conversations: number; satisfaction: { responses: number; average: number | null; csat: number | null }; objectives: ObjectiveCounts };
  }>;
  outcomes(r: InsightsRange): Promise<{ series: (OutcomeCounts & { bucket: string; conversations: number })[] }>;
  breakdown(r: InsightsRange, by: BreakdownDimension): Promise<{ by: BreakdownDimension; rows: (OutcomeCounts & OutcomeRates & { key: string })[] }>;
  satisfaction(r: InsightsRange): Promise<{
    distribution: { score: number; count: number }[];
    byAbout: Record<'self_help' | 'ticket', { responses: number; average: number | null; csat: number | null }>;
    series: { bucket: string; responses: number; average: number | null }[];
    recentComments: { at: string; score: number; comment: string; about: string; ticketNumber: string | null; language: string }[];
  }>;
  objectives(r: InsightsRange): Promise<{
    bySeverity: (ObjectiveCounts & { severity: string; medianFirstResponseMinutes: number | null })[];
    byCloud: (ObjectiveCounts & { cloud: string })[];
    series: { bucket: string; met: number; missed: number; pending: number }[];
  }>;
  gaps(r: InsightsRange, limit?: number): Promise<{
    clusters: {
      id: string;
      label: string;
      language: string;
      count: number;
      reasons: Record<GapReason, number>;
      samples: string[];
      closestArticle: { id: string; score: number | null } | null;
      firstSeen: string;
      lastSeen: string;
    }[];
  }>;
  agents(r: InsightsRange): Promise<{ rows: { agentId: string; claimed: number; resolved: number; medianMinutesToClaim: number | null; medianMinutesToResolve: number | null }[] }>;
}

export function defaultRange(now: Date, zone: string, days = 30): Pick<InsightsRange, 'from' | 'to'> {
  const to = today(now, zone);
  return { from: DateTime.fromISO(to, { zone: 'UTC' }).minus({ days: days - 1 }).toISODate()!, to };
}

export function createInsightsReader(db: Db, opts: { now?: () => Date } = {}): InsightsReader {
  const now = opts.now ?? (() => new Date());

  const satisfactionTotals = (row: Record<string, unknown> | undefined) => {
    const responses = num(row?.responses);
    return { responses, average: responses ? Math.round(num(row?.average) * 100) / 100 : null, csat: rate(num(row?.satisfied), responses) };
  };
  const SATISFACTION_SUMS = 'count(*) AS responses, avg(score) AS average, count(*) FILTER (WHERE score >= 4) AS satisfied';

  /** Objective counts for the whole range and by each of `sets` (severity, cloud, bucket), in one pass. */
  async function objectiveRows(r: InsightsRange, sets: Array<'severity' | 'cloud' | 'bucket'>) {
    const w = where(r);
    const grouping = ['()', ...sets.map((set) => `(${set})`)].join(', ');
    const sql = `SELECT ${sets.map((set) => `${set}, GROUPING(${set}) AS by_${set}`).join(', ')}${sets.length ? ',' : ''}
        count(*) FILTER (WHERE state = 'met') AS met, count(*) FILTER (WHERE state = 'missed') AS missed,
        count(*) FILTER (WHERE state = 'pending') AS pending, percentile_cont(0.5) WITHIN GROUP (ORDER BY response_minutes) AS median
      FROM (SELECT severity, cloud, ${bucketOf(r)} AS bucket, response_minutes, ${OBJECTIVE_STATE.replaceAll('$NOW', `$${w.params.length + 1}`)} AS state
            FROM insight_tickets WHERE response_due_at IS NOT NULL AND ${w.sql}) t
      WHERE state <> 'none' GROUP BY GROUPING SETS (${grouping})`;
    const { rows } = await db.query<Record<string, unknown>>(sql, [...w.params, now()]);
    const of = (set: 'severity' | 'cloud' | 'bucket') => rows.filter((row) => Number(row[`by_${set}`]) === 0 && sets.every((other) => other === set || Number(row[`by_${other}`]) === 1));
    const total = rows.find((row) => sets.every((set) => Number(row[`by_${set}`]) === 1));
    return { total, of };
  }

  /** Satisfaction for the whole range and by score, subject and bucket, in one pass. */
  async function satisfactionRows(r: InsightsRange, sets: Array<'score' | 'about' | 'bucket'>) {
    const w = where(r);
    const grouping = ['()', ...sets.map((set) => `(${set})`)].join(', ');
    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT ${sets.map((set) => `${set}, GROUPING(${set}) AS by_${set}`).join(', ')}${sets.length ? ',' : ''} ${SATISFACTION_SUMS}
       FROM (SELECT score, about, ${bucketOf(r)} AS bucket FROM insight_satisfaction WHERE ${w.sql}) s GROUP BY GROUPING SETS (${grouping})`,
      w.params,
    );
    const of = (set: 'score' | 'about' | 'bucket') => rows.filter((row) => Number(row[`by_${set}`]) === 0 && sets.every((other) => other === set || Number(row[`by_${other}`]) === 1));
    const total = rows.find((row) => sets.every((set) => Number(row[`by_${set}`]) === 1));
    return { total, of };
  }

  return {
    async summary(r) {
      const c = caseSource(r);
      const [cases, satisfaction, objectives] = await Promise.all([
        db.query<Record<string, unknown>>(`SELECT ${SUMS} FROM ${c.table} WHERE ${c.sql}`, c.params),
        satisfactionRows(r, []),
        objectiveRows(r, []),
      ]);
      const counts = countsOf(cases.rows[0]);
      return { totals: { ...counts, ...outcomeRates(counts), satisfaction: satisfactionTotals(satisfaction.total), objectives: objectiveCounts(objectives.total) } };
    },

    async outcomes(r) {
      const c = caseSource(r);
      const { rows } = await db.query<Record<string, unknown>>(`SELECT ${bucketOf(r)} AS bucket, ${SUMS} FROM ${c.table} WHERE ${c.sql} GROUP BY 1`, c.params);
      const byBucket = new Map(rows.map((row) => [String(row.bucket), row]));
      return { series: bucketsOf(r).map((bucket) => ({ bucket, ...countsOf(byBucket.get(bucket)) })) };
    },

    async breakdown(r, by) {
      const c = caseSource(r, by);
      const { rows } = await db.query<Record<string, unknown>>(
        `SELECT ${c.key} AS key, ${SUMS} FROM ${c.table} WHERE ${c.sql} GROUP BY 1 HAVING sum(cases) > 0 ORDER BY sum(cases) DESC, 1`,
        c.params,
      );
      return {
        by,
        rows: rows.map((row) => {
          const counts = countsOf(row);
          const { conversations: _conversations, ...rest } = counts;
          return { key: String(row.key), ...rest, ...outcomeRates(counts) };
        }),
      };
    },

    async satisfaction(r) {
      const w = where(r);
      const [sets, comments] = await Promise.all([
        satisfactionRows(r, ['score', 'about', 'bucket']),
        db.query<{ at: Date; score: number; comment: string; about: string; ticket_number: string | null; language: string }>(
          `SELECT at, score, comment, about, ticket_number, language FROM insight_satisfaction WHERE comment IS NOT NULL AND ${w.sql} ORDER BY at DESC LIMIT 20`,
          w.params,
        ),
      ]);
      const counts = new Map(sets.of('score').map((row) => [Number(row.score), num(row.responses)]));
      const about = new Map(sets.of('about').map((row) => [String(row.about), row]));
      const perBucket = new Map(sets.of('bucket').map((row) => [String(row.bucket), row]));
      return {
        distribution: [1, 2, 3, 4, 5].map((score) => ({ score, count: counts.get(score) ?? 0 })),
        byAbout: { self_help: satisfactionTotals(about.get('self_help')), ticket: satisfactionTotals(about.get('ticket')) },
        series: bucketsOf(r).map((bucket) => {
          const t = satisfactionTotals(perBucket.get(bucket));
          return { bucket, responses: t.responses, average: t.average };
        }),
        recentComments: comments.rows.map((c) => ({ at: new Date(c.at).toISOString(), score: Number(c.score), comment: c.comment, about: c.about, ticketNumber: c.ticket_number, language: c.language })),
      };
    },

    async objectives(r) {
      const rows = await objectiveRows(r, ['severity', 'cloud', 'bucket']);
      const bySeverity = rows.of('severity');
      const perBucket = new Map(rows.of('bucket').map((row) => [String(row.bucket), row]));
      return {
        bySeverity: ['A', 'B', 'C'].map((severity) => {
          const row = bySeverity.find((s) => s.severity === severity);
          return { severity, ...objectiveCounts(row), medianFirstResponseMinutes: median(row?.median) };
        }),
        byCloud: rows
          .of('cloud')
          .sort((a, b) => String(a.cloud).localeCompare(String(b.cloud)))
          .map((row) => ({ cloud: String(row.cloud), ...objectiveCounts(row) })),
        series: bucketsOf(r).map((bucket) => {
          const row = perBucket.get(bucket);
          return { bucket, met: num(row?.met), missed: num(row?.missed), pending: num(row?.pending) };
        }),
      };
    },

    async gaps(r, limit = 20) {
      const w = where(r, { language: 'language', topic: 'topic' });
      const n = w.params.length;
      const { rows } = await db.query<Record<string, unknown>>(
        `WITH top AS (
           SELECT cluster_id, count(*) AS count, min(at) AS first_seen, max(at) AS last_seen,
             ${gapReasons.map((reason) => `count(*) FILTER (WHERE reason = '${reason}') AS ${reason}`).join(', ')},
             mode() WITHIN GROUP (ORDER BY closest_article_id) AS closest
           FROM insight_gaps WHERE ${w.sql} GROUP BY cluster_id ORDER BY count(*) DESC, max(at) DESC LIMIT $${n + 1})
         SELECT top.*, c.label, c.language,
           (SELECT avg(score) FROM insight_gaps g WHERE g.cluster_id = top.cluster_id AND g.closest_article_id = top.closest AND ${w.sql.replaceAll('report_day', 'g.report_day')}) AS closest_score,
           ARRAY(SELECT s.text FROM (SELECT text, max(at) AS at FROM insight_gaps g WHERE g.cluster_id = top.cluster_id AND ${w.sql.replaceAll('report_day', 'g.report_day')}
                 GROUP BY text ORDER BY max(at) DESC LIMIT 5) s) AS samples
         FROM top JOIN insight_gap_clusters c ON c.id = top.cluster_id
         ORDER BY top.count DESC, top.last_seen DESC`,
        [...w.params, limit],
      );
      return {
        clusters: rows.map((row) => ({
          id: String(row.cluster_id),
          label: String(row.label),
          language: String(row.language),
          count: num(row.count),
          reasons: Object.fromEntries(gapReasons.map((reason) => [reason, num(row[reason])])) as Record<GapReason, number>,
          samples: row.samples as string[],
          closestArticle: row.closest ? { id: String(row.closest), score: row.closest_score === null ? null : Math.round(Number(row.closest_score) * 1000) / 1000 } : null,
          firstSeen: new Date(row.first_seen as Date).toISOString(),
          lastSeen: new Date(row.last_seen as Date).toISOString(),
        })),
      };
    },

    async agents(r) {
      const filtered = FILTERS.some((f) => r[f] !== undefined);
      const w = filtered
        ? where(r, { channel: 't.channel_id', language: 't.language', cloud: 't.cloud', category: 't.category', topic: 't.topic' }, 'w.report_day')
        : where({ from: r.from, to: r.to, bucket: r.bucket }, {}, 'w.report_day');
      const { rows } = await db.query<Record<string, unknown>>(
        `SELECT w.agent_id, count(*) FILTER (WHERE w.kind = 'claim') AS claimed, count(*) FILTER (WHERE w.kind = 'resolve') AS resolved,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY w.minutes) FILTER (WHERE w.kind = 'claim') AS claim_median,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY w.minutes) FILTER (WHERE w.kind = 'resolve') AS resolve_median
         FROM insight_agent_work w ${filtered ? 'JOIN insight_tickets t ON t.number = w.ticket_number' : ''}
         WHERE ${w.sql} GROUP BY w.agent_id ORDER BY count(*) DESC, w.agent_id`,
        w.params,
      );
      return {
        rows: rows.map((row) => ({
          agentId: String(row.agent_id),
          claimed: num(row.claimed),
          resolved: num(row.resolved),
          medianMinutesToClaim: median(row.claim_median),
          medianMinutesToResolve: median(row.resolve_median),
        })),
      };
    },
  };
}
