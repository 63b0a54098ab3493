import { z } from 'zod';
import { breakdownDimensions, gapReasons } from '../insights/index.js';

/**
 * Queries and answers of the managers' insights routes (insightsRoutes.ts), registered by id for
 * `npm run docs:openapi`. docs/insights.md defines every figure.
 */

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD');
const filter = z.string().min(1).max(100).optional();

export const insightsQuery = z
  .object({
    from: day.optional().meta({ description: 'First day (YYYY-MM-DD) in the reporting time zone; 30 days before `to` by default.' }),
    to: day.optional().meta({ description: 'Last day, inclusive; today by default.' }),
    bucket: z.enum(['day', 'week']).default('day').meta({ description: 'Series per day or per week (weeks start on Monday).' }),
    channel: filter.meta({ description: 'Only this channel ("msteams", "directline").' }),
    language: filter.meta({ description: 'Only this language (en, de, zh-Hans, zh-Hant).' }),
    cloud: filter.meta({ description: 'Only this cloud (worldwide, 21vianet, germany, unknown).' }),
    category: filter.meta({ description: 'Only this category (technical, billing, presales, …).' }),
    topic: filter.meta({ description: 'Only this topic id.' }),
    format: z.enum(['json', 'csv']).default('json').meta({ description: 'csv: the numbers behind the chart as a CSV download (or send Accept: text/csv).' }),
    by: z.enum(breakdownDimensions).default('topic').meta({ description: 'Breakdown only: what to break the cases down by.' }),
    table: z.string().max(40).optional().meta({ description: 'CSV of an answer with several tables: which one (satisfaction: distribution, series, comments; objectives: severity, cloud, series).' }),
    limit: z.coerce.number().int().min(1).max(100).default(20).meta({ description: 'Gaps only: how many clusters.' }),
  })
  .meta({ id: 'InsightsQuery' });

const rateField = z.number().nullable().meta({ description: 'A fraction from 0 to 1; null when nothing was counted.' });
const outcomeCounts = {
  cases: z.number().int(),
  selfHelp: z.number().int(),
  incident: z.number().int(),
  escalated: z.number().int(),
  handedToPerson: z.number().int(),
  abandoned: z.number().int(),
  refused: z.number().int(),
  open: z.number().int(),
};
const outcomeRates = {
  selfHelpRate: rateField,
  deflectionRate: rateField,
  escalationRate: rateField,
  handoffRate: rateField,
  abandonRate: rateField,
  refusalRate: rateField,
};
const range = z
  .object({ from: day, to: day, timeZone: z.string(), bucket: z.enum(['day', 'week']) })
  .meta({ id: 'InsightsRange', description: 'The days counted, in the reporting time zone (INSIGHTS_TIME_ZONE).' });
const satisfactionTotals = z.object({ responses: z.number().int(), average: z.number().nullable(), csat: rateField.meta({ description: 'Share of answers of 4 or 5.' }) });
const objectiveCounts = { tickets: z.number().int(), met: z.number().int(), missed: z.number().int(), pending: z.number().int(), metRate: rateField };

export const insightsSummaryResponse = z
  .object({
    range,
    totals: z.object({ conversations: z.number().int(), ...outcomeCounts, ...outcomeRates, satisfaction: satisfactionTotals, objectives: z.object(objectiveCounts) }),
  })
  .meta({ id: 'InsightsSummaryResponse' });

export const insightsOutcomesResponse = z
  .object({ range, series: z.array(z.object({ bucket: day, conversations: z.number().int(), ...outcomeCounts })) })
  .meta({ id: 'InsightsOutcomesResponse' });

export const insightsBreakdownResponse = z
  .object({ range, by: z.enum(breakdownDimensions), rows: z.array(z.object({ key: z.string(), ...outcomeCounts, ...outcomeRates })) })
  .meta({ id: 'InsightsBreakdownResponse' });

export const insightsSatisfactionResponse = z
  .object({
    range,
    distribution: z.array(z.object({ score: z.number().int().min(1).max(5), count: z.number().int() })),
    byAbout: z.object({ self_help: satisfactionTotals, ticket: satisfactionTotals }),
    series: z.array(z.object({ bucket: day, responses: z.number().int(), average: z.number().nullable() })),
    recentComments: z.array(
      z.object({ at: z.iso.datetime(), score: z.number().int(), comment: z.string(), about: z.enum(['self_help', 'ticket']), ticketNumber: z.string().nullable(), language: z.string() }),
    ),
  })
  .meta({ id: 'InsightsSatisfactionResponse' });

export const insightsObjectivesResponse = z
  .object({
    range,
    bySeverity: z.array(z.object({ severity: z.enum(['A', 'B', 'C']), ...objectiveCounts, medianFirstResponseMinutes: z.number().nullable() })),
    byCloud: z.array(z.object({ cloud: z.string(), ...objectiveCounts })),
    series: z.array(z.object({ bucket: day, met: z.number().int(), missed: z.number().int(), pending: z.number().int() })),
  })
  .meta({ id: 'InsightsObjectivesResponse' });

export const insightsGapsResponse = z
  .object({
    range,
    clusters: z.array(
      z.object({
        id: z.string(),
        label: z.string(),
        language: z.string(),
        count: z.number().int(),
        reasons: z.object(Object.fromEntries(gapReasons.map((r) => [r, z.number().int()]))),
        samples: z.array(z.string()).meta({ description: 'Up to five recent wordings, personal data removed.' }),
        closestArticle: z.object({ id: z.string(), title: z.string().nullable(), score: z.number().nullable() }).nullable(),
        firstSeen: z.iso.datetime(),
        lastSeen: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: 'InsightsGapsResponse' });

export const insightsAgentsResponse = z
  .object({
    range,
    rows: z.array(
      z.object({
        agentId: z.string(),
        name: z.string(),
        claimed: z.number().int(),
        resolved: z.number().int(),
        medianMinutesToClaim: z.number().nullable(),
        medianMinutesToResolve: z.number().nullable(),
      }),
    ),
  })
  .meta({ id: 'InsightsAgentsResponse' });
