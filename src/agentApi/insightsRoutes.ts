import type { Request, Response, Server } from 'restify';
import type { z } from 'zod';
import type { AgentStore } from '../agents/index.js';
import { defaultRange, toCsv, type InsightsRange, type InsightsReader } from '../insights/index.js';
import { ApiError, type makeEndpoint, type Reply } from './endpoint.js';
// Also registers the answers' schemas (by id) for `npm run docs:openapi`.
import { insightsQuery } from './insightsSchemas.js';

/**
 * The managers' insights (docs/insights.md), each answering JSON, or with `?format=csv` (or Accept:
 * text/csv) the numbers behind its chart as a CSV download:
 *   GET /api/insights/summary       totals and rates, satisfaction, objectives met
 *   GET /api/insights/outcomes      cases by outcome per day or week
 *   GET /api/insights/breakdown     cases by topic, category, channel, language or cloud (?by=)
 *   GET /api/insights/satisfaction  distribution, by subject, over time, recent comments
 *   GET /api/insights/objectives    response objectives met by severity, cloud and over time
 *   GET /api/insights/gaps          the knowledge gaps' clusters
 *   GET /api/insights/agents        each agent's claims and resolutions with their median times
 * Other agents get 403.
 */

export interface InsightsRouteDeps {
  endpoint: ReturnType<typeof makeEndpoint>;
  agents: AgentStore;
  insights?: {
    reader: InsightsReader;
    /** The reporting time zone (INSIGHTS_TIME_ZONE). */
    timeZone: string;
    /** An article's English title, for the gaps' closest article. */
    articleTitle?(id: string): string | undefined;
    now?: () => Date;
  };
}

type Query = z.output<typeof insightsQuery>;
const MAX_DAYS = 731;

function rangeOf(query: Query, timeZone: string, now: Date): InsightsRange {
  const fallback = defaultRange(now, timeZone);
  const to = query.to ?? (query.from && query.from > fallback.to ? query.from : fallback.to);
  const from = query.from ?? (query.to ? defaultRange(new Date(`${query.to}T12:00:00Z`), 'UTC').from : fallback.from);
  const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  if (!Number.isFinite(days)) throw new ApiError(400, 'Invalid query: from and to must be real dates.');
  if (days < 0) throw new ApiError(400, 'Invalid query: from must not be after to.');
  if (days >= MAX_DAYS) throw new ApiError(400, `Invalid query: a range is at most ${MAX_DAYS} days.`);
  const { channel, language, cloud, category, topic } = query;
  return {
    from,
    to,
    bucket: query.bucket,
    ...(channel ? { channel } : {}),
    ...(language ? { language } : {}),
    ...(cloud ? { cloud } : {}),
    ...(category ? { category } : {}),
    ...(topic ? { topic } : {}),
  };
}

const wantsCsv = (req: Request, query: Query) => query.format === 'csv' || /\btext\/csv\b/.test(String(req.headers.accept ?? ''));

function csvReply(name: string, range: InsightsRange, rows: readonly object[], columns?: readonly string[]): Reply {
  const body = `\uFEFF${toCsv(rows, columns)}`;
  return {
    body: null,
    send(res: Response) {
      res.setHeader('Content-Type', 'text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="${name}-${range.from}-${range.to}.csv"`);
      res.setHeader('Cache-Control', 'no-store');
      res.writeHead(200);
      res.end(body);
    },
  };
}

function pickTable<T extends Record<string, readonly object[]>>(tables: T, wanted: string | undefined): [string, readonly object[]] {
  const names = Object.keys(tables);
  const name = wanted ?? names[0]!;
  if (!Object.hasOwn(tables, name)) throw new ApiError(400, `Invalid query: table is one of ${names.join(', ')}.`);
  return [name, tables[name]!];
}

export function mountInsightsRoutes(server: Server, { endpoint, agents, insights }: InsightsRouteDeps): void {
  const answering = (name: string, answer: (reader: InsightsReader, range: InsightsRange, query: Query) => Promise<{ json: Record<string, unknown>; csv: () => [string, readonly object[]] }>) =>
    endpoint({ managers: true, query: insightsQuery }, async ({ req, query }) => {
      if (!insights) throw new ApiError(404, 'Insights are not set up on this server.');
      const range = rangeOf(query, insights.timeZone, (insights.now ?? (() => new Date()))());
      const result = await answer(insights.reader, range, query);
      if (wantsCsv(req, query)) {
        const [table, rows] = result.csv();
        return csvReply(table === name ? `insights-${name}` : `insights-${name}-${table}`, range, rows);
      }
      return { body: { range: { from: range.from, to: range.to, timeZone: insights.timeZone, bucket: range.bucket }, ...result.json } };
    });

  server.get('/api/insights/summary', answering('summary', async (reader, range) => {
    const { totals } = await reader.summary(range);
    const { satisfaction, objectives, ...counts } = totals;
    const flat = {
      ...counts,
      satisfactionResponses: satisfaction.responses,
      satisfactionAverage: satisfaction.average,
      csat: satisfaction.csat,
      objectiveTickets: objectives.tickets,
      objectivesMet: objectives.met,
      objectivesMissed: objectives.missed,
      objectivesPending: objectives.pending,
      objectivesMetRate: objectives.metRate,
    };
    return { json: { totals }, csv: () => ['summary', Object.entries(flat).map(([figure, value]) => ({ figure, value }))] };
  }));

  server.get('/api/insights/outcomes', answering('outcomes', async (reader, range) => {
    const { series } = await reader.outcomes(range);
    return { json: { series }, csv: () => ['outcomes', series] };
  }));

  server.get('/api/insights/breakdown', answering('breakdown', async (reader, range, query) => {
    const result = await reader.breakdown(range, query.by);
    return { json: result, csv: () => [query.by, result.rows.map(({ key, ...row }) => ({ [query.by]: key, ...row }))] };
  }));

  server.get('/api/insights/satisfaction', answering('satisfaction', async (reader, range, query) => {
    const result = await reader.satisfaction(range);
    return { json: result, csv: () => pickTable({ distribution: result.distribution, series: result.series, comments: result.recentComments }, query.table) };
  }));

  server.get('/api/insights/objectives', answering('objectives', async (reader, range, query) => {
    const result = await reader.objectives(range);
    return { json: result, csv: () => pickTable({ severity: result.bySeverity, cloud: result.byCloud, series: result.series }, query.table) };
  }));

  server.get('/api/insights/gaps', answering('gaps', async (reader, range, query) => {
    const { clusters } = await reader.gaps(range, query.limit);
    const withTitles = clusters.map((c) => ({ ...c, closestArticle: c.closestArticle && { ...c.closestArticle, title: insights?.articleTitle?.(c.closestArticle.id) ?? null } }));
    return {
      json: { clusters: withTitles },
      csv: () => [
        'gaps',
        withTitles.map((c) => ({
          cluster: c.label,
          language: c.language,
          count: c.count,
          ...c.reasons,
          closestArticle: c.closestArticle?.id ?? '',
          closestArticleTitle: c.closestArticle?.title ?? '',
          closestScore: c.closestArticle?.score ?? '',
          samples: c.samples.join(' | '),
          firstSeen: c.firstSeen,
          lastSeen: c.lastSeen,
        })),
      ],
    };
  }));

  server.get('/api/insights/agents', answering('agents', async (reader, range) => {
    const [{ rows }, names] = await Promise.all([reader.agents(range), agents.names()]);
    const named = rows.map(({ agentId, ...row }) => ({ agentId, name: names.get(agentId) ?? agentId, ...row }));
    return { json: { rows: named }, csv: () => ['agents', named] };
  }));
}
