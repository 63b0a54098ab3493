// The insights dashboard at scale (#18): one million cases, 100,000 requests, their satisfaction answers,
// knowledge gaps and agents' work over a year, in PostgreSQL (DATABASE_URL, else a throw-away server
// from .ci/start-postgres.sh). Measures what the console's Insights tab asks for (its seven requests at
// once, as the page sends them) for 30 days, a whole year, and a year filtered by channel and language.
// Goal: every dashboard answer under 1 s. `npm run bench -- --only=insights`, or alone:
// `npx tsx tools/bench/insights.bench.ts [cases]`.
import { pathToFileURL } from 'node:url';
import { createInsightsReader, rebuildCaseDays, type InsightsRange } from '../../src/insights/index.js';
import { openDatabase, type Db } from '../../src/storage/index.js';
import { startBenchPostgres } from './lib/postgresServer.js';
import { machineInfo, writeResults } from './lib/results.js';
import { median } from './lib/stats.js';
import { formatTable } from './lib/table.js';
import { loadKnowledge } from '../../src/knowledge/index.js';

export interface InsightsBenchRow {
  view: string;
  runsMs: number[];
  medianMs: number;
  maxMs: number;
}

export interface InsightsBenchResults {
  cases: number;
  tickets: number;
  seedSeconds: number;
  rollupRows: number;
  rows: InsightsBenchRow[];
  goalMs: number;
  met: boolean;
}

const RUNS = 5;
const END = '2026-11-30';

/** Seeds a year of figures straight into the insights' tables (what the recorder and the outbox consumer write), with skewed, realistic mixes. */
async function seed(db: Db, cases: number, tickets: number, topics: string[]): Promise<void> {
  const progress = (what: string) => process.stderr.write(`  seeding ${what}…\n`);
  await db.exec('SELECT setseed(0.42)');
  progress(`${cases.toLocaleString('en')} cases`);
  // Topics by a Zipf-like weight (a few topics bring most problems), channels, languages and clouds in
  // the proportions a worldwide tenant mix gives, outcomes as a support team would see them.
  await db.query(
    `INSERT INTO insight_cases (id, conversation_id, first_in_conversation, channel_id, language, cloud, category, topic, confidence, started_at, report_day, last_activity_at, outcome, ended_at, ticket_number)
     SELECT gen_random_uuid(), 'conv-' || (g / 1.15)::bigint, g % 7 <> 3,
       CASE WHEN r1 < 0.45 THEN 'msteams' ELSE 'directline' END,
       CASE WHEN r2 < 0.55 THEN 'en' WHEN r2 < 0.75 THEN 'de' WHEN r2 < 0.9 THEN 'zh-Hans' ELSE 'zh-Hant' END,
       CASE WHEN r3 < 0.8 THEN 'worldwide' WHEN r3 < 0.9 THEN '21vianet' WHEN r3 < 0.95 THEN 'germany' ELSE 'unknown' END,
       (ARRAY['technical','technical','technical','billing','presales','out-of-scope'])[1 + (t % 6)],
       ($2::text[])[1 + t],
       0.5 + r4 / 2, started, (started AT TIME ZONE 'UTC')::date, started + interval '4 minutes',
       CASE WHEN r5 < 0.34 THEN 'self_help' WHEN r5 < 0.40 THEN 'incident' WHEN r5 < 0.52 THEN 'escalated' WHEN r5 < 0.70 THEN 'handed_to_person'
            WHEN r5 < 0.86 THEN 'abandoned' WHEN r5 < 0.98 THEN 'refused' ELSE NULL END,
       started + interval '5 minutes', NULL
     FROM (SELECT g, random() r1, random() r2, random() r3, random() r4, random() r5,
             least(floor(power(random(), 2.2) * $3::int)::int, $3::int - 1) t,
             timestamptz '${END}T23:59:59Z' - random() * interval '365 days' started
           FROM generate_series(1, $1) g) s`,
    [cases, topics, topics.length],
  );
  progress('the daily rollup');
  await db.transaction((tx) => rebuildCaseDays(tx));
  progress(`${tickets.toLocaleString('en')} requests`);
  await db.query(
    `INSERT INTO insight_tickets (number, created_at, report_day, channel_id, language, cloud, category, topic, plan_id, severity, objective_family, availability, initial_response,
        response_due_at, first_response_at, response_minutes, status, resolved_at, closed_at, reopen_count, assigned_agent_id, waiting_since, working_since)
     SELECT 'SR-' || (2000000 + g), created, (created AT TIME ZONE 'UTC')::date,
       CASE WHEN random() < 0.45 THEN 'msteams' ELSE 'directline' END, 'en', CASE WHEN random() < 0.9 THEN 'worldwide' ELSE '21vianet' END,
       'technical', ($2::text[])[1 + (g % array_length($2::text[], 1))], NULL, sev, 'elevated', '24x7', 'PT1H',
       created + CASE sev WHEN 'A' THEN interval '1 hour' WHEN 'B' THEN interval '2 hours' ELSE interval '4 hours' END,
       CASE WHEN random() < 0.95 THEN created + random() * interval '5 hours' END, NULL, 'resolved', created + interval '1 day', NULL, (random() < 0.05)::int,
       'agent-' || (g % 40), NULL, created
     FROM (SELECT g, timestamptz '${END}T23:59:59Z' - random() * interval '365 days' created, (ARRAY['A','B','B','C','C','C'])[1 + g % 6] sev FROM generate_series(1, $1) g) s`,
    [tickets, topics],
  );
  await db.exec('UPDATE insight_tickets SET response_minutes = extract(epoch FROM first_response_at - created_at) / 60 WHERE first_response_at IS NOT NULL');
  progress('agents’ work, satisfaction answers and knowledge gaps');
  await db.exec(
    `INSERT INTO insight_agent_work (event_id, kind, ticket_number, agent_id, at, report_day, minutes)
     SELECT gen_random_uuid(), k, number, assigned_agent_id, created_at + interval '1 hour', ((created_at + interval '1 hour') AT TIME ZONE 'UTC')::date, 10 + random() * 600
     FROM insight_tickets CROSS JOIN (VALUES ('claim'), ('resolve')) v(k)`,
  );
  await db.exec(
    `INSERT INTO insight_satisfaction (subject, about, case_id, ticket_number, score, comment, conversation_id, channel_id, language, cloud, category, topic, at, report_day)
     SELECT 'case:' || id, 'self_help', id, NULL, 1 + floor(power(random(), 0.5) * 5)::int, CASE WHEN random() < 0.2 THEN 'Clear enough, thanks' END,
       conversation_id, channel_id, language, cloud, category, topic, ended_at, report_day
     FROM insight_cases WHERE outcome = 'self_help' AND random() < 0.4`,
  );
  await db.exec(
    `INSERT INTO insight_gap_clusters (id, language, label, terms, gaps, first_seen, last_seen)
     SELECT g, (ARRAY['en','de','zh-Hans','zh-Hant'])[1 + g % 4], 'problem wording ' || g, '{}'::jsonb, 0, timestamptz '${END}T00:00:00Z' - interval '365 days', timestamptz '${END}T00:00:00Z'
     FROM generate_series(1, 3000) g`,
  );
  await db.exec('SELECT setval(pg_get_serial_sequence(\'insight_gap_clusters\', \'id\'), 3000)');
  await db.query(
    `INSERT INTO insight_gaps (cluster_id, case_id, text, language, reason, topic, closest_article_id, score, at, report_day)
     SELECT 1 + least(floor(power(random(), 2) * 3000)::int, 2999), NULL, 'a problem the assistant could not place, wording ' || (random() * 20)::int,
       'en', (ARRAY['clarification','something_else','out_of_scope_low_confidence','self_help_failed'])[1 + g % 4], NULL, 'article-' || (g % 50), random() * 0.4, seen, (seen AT TIME ZONE 'UTC')::date
     FROM (SELECT g, timestamptz '${END}T23:59:59Z' - random() * interval '365 days' AS seen FROM generate_series(1, $1) g) s`,
    [Math.round(cases / 10)],
  );
  progress('statistics');
  await db.exec('ANALYZE');
}

/** What the Insights tab asks for when it opens: its seven requests at once. */
function dashboard(db: Db, range: InsightsRange) {
  const reader = createInsightsReader(db, { now: () => new Date(`${END}T23:59:59Z`) });
  return Promise.all([
    reader.summary(range),
    reader.outcomes(range),
    reader.breakdown(range, 'topic'),
    reader.satisfaction(range),
    reader.objectives(range),
    reader.gaps(range),
    reader.agents(range),
  ]);
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return Math.round(performance.now() - started);
}

export async function runInsights(cases = 1_000_000, tickets = 100_000): Promise<InsightsBenchResults | undefined> {
  const pg = await startBenchPostgres();
  if (!pg) {
    console.log('PostgreSQL is not installed here and DATABASE_URL is not set: the insights benchmark is skipped (apt-get install postgresql).');
    return undefined;
  }
  let db: Db | undefined;
  try {
    db = await openDatabase({ DATABASE_URL: await pg.freshSchemaUrl('insights'), DATA_DIR: '' });
    const topics = loadKnowledge().taxonomy.topics.map((t) => t.id);
    const seedStarted = performance.now();
    await seed(db, cases, tickets, topics);
    const seedSeconds = Math.round((performance.now() - seedStarted) / 1000);
    const rollupRows = Number((await db.query<{ n: string }>('SELECT count(*)::text AS n FROM insight_case_days')).rows[0]!.n);
    const views: Array<[string, InsightsRange]> = [
      ['last 30 days, per day', { from: '2026-11-01', to: END, bucket: 'day' }],
      ['a whole year, per week', { from: '2025-12-01', to: END, bucket: 'week' }],
      ['a year, per day, Teams in German', { from: '2025-12-01', to: END, bucket: 'day', channel: 'msteams', language: 'de' }],
      ['a year, one topic', { from: '2025-12-01', to: END, bucket: 'week', topic: topics[0]! }],
    ];
    const rows: InsightsBenchRow[] = [];
    for (const [view, range] of views) {
      await dashboard(db, range); // warm
      const runsMs: number[] = [];
      for (let i = 0; i < RUNS; i++) runsMs.push(await timed(() => dashboard(db!, range)));
      rows.push({ view: `dashboard: ${view}`, runsMs, medianMs: median(runsMs), maxMs: Math.max(...runsMs) });
    }
    const goalMs = 1000;
    return { cases, tickets, seedSeconds, rollupRows, rows, goalMs, met: rows.every((r) => r.maxMs < goalMs) };
  } finally {
    await db?.close();
    pg.stop();
  }
}

export function insightsTable(r: InsightsBenchResults): string {
  return formatTable(
    ['view (7 requests at once)', 'median ms', 'max ms', 'runs ms'],
    r.rows.map((row) => [row.view, row.medianMs, row.maxMs, row.runsMs.join(' ')]),
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const cases = Number(process.argv[2] ?? 1_000_000);
  const r = await runInsights(cases, Math.round(cases / 10));
  if (r) {
    console.log(insightsTable(r));
    console.log(`${r.cases.toLocaleString('en')} cases (${r.rollupRows.toLocaleString('en')} rollup rows), ${r.tickets.toLocaleString('en')} requests, seeded in ${r.seedSeconds} s; goal < ${r.goalMs} ms: ${r.met ? 'met' : 'not met'}`);
    writeResults('insights', r, machineInfo());
  }
}
