import { z } from 'zod';
import type { Db } from '../storage/index.js';
import { matchIncidents, type IncidentMatch, type IncidentQuery } from './incidentMatching.js';

/**
 * Service-health incidents and advisories, as the Service health dashboard shows them. The
 * conversation checks them before offering self-help; agents manage them through the agent API.
 */
export const incidentInputSchema = z.object({
  id: z.string().trim().regex(/^[A-Z]{2,4}\d{3,9}$/, 'must look like EX123456').optional(),
  title: z.string().trim().min(3).max(200),
  product: z.string().trim().min(2).max(100),
  topics: z.array(z.string().trim().max(100)).max(20).default([]),
  classification: z.enum(['incident', 'advisory']).default('incident'),
  summary: z.string().trim().min(3).max(4000),
  userImpact: z.string().trim().max(2000).default(''),
  startedAt: z.coerce.date().optional(),
});
export type IncidentInput = z.input<typeof incidentInputSchema>;

export const incidentUpdateSchema = z.object({
  title: z.string().trim().min(3).max(200).optional(),
  summary: z.string().trim().min(3).max(4000).optional(),
  userImpact: z.string().trim().max(2000).optional(),
  topics: z.array(z.string().trim().max(100)).max(20).optional(),
});

export interface Incident {
  id: string;
  title: string;
  product: string;
  topics: string[];
  classification: 'incident' | 'advisory';
  summary: string;
  userImpact: string;
  status: 'active' | 'resolved';
  startedAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
}

interface IncidentRow {
  id: string;
  title: string;
  product: string;
  topics: string[];
  classification: 'incident' | 'advisory';
  summary: string;
  user_impact: string;
  status: 'active' | 'resolved';
  started_at: Date;
  updated_at: Date;
  resolved_at: Date | null;
}

const toIncident = (r: IncidentRow): Incident => ({
  id: r.id,
  title: r.title,
  product: r.product,
  topics: r.topics,
  classification: r.classification,
  summary: r.summary,
  userImpact: r.user_impact,
  status: r.status,
  startedAt: new Date(r.started_at),
  updatedAt: new Date(r.updated_at),
  resolvedAt: r.resolved_at ? new Date(r.resolved_at) : null,
});

export interface IncidentService {
  /**
   * Active incidents that concern the admin's problem, closest first, each with the reason in words: the
   * same topic, or the same product and enough of the same words (see incidentMatching.ts).
   */
  activeFor(query: IncidentQuery): Promise<IncidentMatch<Incident>[]>;
  list(filter?: { status?: 'active' | 'resolved' }): Promise<Incident[]>;
  get(id: string): Promise<Incident | undefined>;
  create(input: IncidentInput): Promise<Incident>;
  update(id: string, patch: z.input<typeof incidentUpdateSchema>): Promise<Incident | undefined>;
  resolve(id: string): Promise<Incident | undefined>;
}

export function createIncidentService(db: Db, now: () => Date = () => new Date()): IncidentService {
  const select = 'SELECT * FROM incidents';
  return {
    async activeFor(query) {
      if (!query.product && !query.topic && !query.problem) return [];
      // Active incidents are few (a handful at a time), so they are scored here rather than in SQL.
      const { rows } = await db.query<IncidentRow>(`${select} WHERE status = 'active' ORDER BY started_at DESC`);
      return matchIncidents(rows.map(toIncident), query);
    },
    async list(filter = {}) {
      const { rows } = filter.status
        ? await db.query<IncidentRow>(`${select} WHERE status = $1 ORDER BY started_at DESC`, [filter.status])
        : await db.query<IncidentRow>(`${select} ORDER BY status, started_at DESC`);
      return rows.map(toIncident);
    },
    async get(id) {
      const { rows } = await db.query<IncidentRow>(`${select} WHERE id = $1`, [id]);
      return rows[0] && toIncident(rows[0]);
    },
    async create(input) {
      const i = incidentInputSchema.parse(input);
      const at = now();
      const { rows } = await db.query<IncidentRow>(
        `INSERT INTO incidents (id, title, product, topics, classification, summary, user_impact, status, started_at, updated_at)
         VALUES (COALESCE($1, 'SH' || nextval('incident_seq')), $2, $3, $4, $5, $6, $7, 'active', $8, $9) RETURNING *`,
        [i.id ?? null, i.title, i.product, i.topics, i.classification, i.summary, i.userImpact, i.startedAt ?? at, at],
      );
      return toIncident(rows[0]!);
    },
    async update(id, patch) {
      const p = incidentUpdateSchema.parse(patch);
      const { rows } = await db.query<IncidentRow>(
        `UPDATE incidents SET title = COALESCE($2, title), summary = COALESCE($3, summary), user_impact = COALESCE($4, user_impact),
           topics = COALESCE($5, topics), updated_at = $6 WHERE id = $1 RETURNING *`,
        [id, p.title ?? null, p.summary ?? null, p.userImpact ?? null, p.topics ?? null, now()],
      );
      return rows[0] && toIncident(rows[0]);
    },
    async resolve(id) {
      const at = now();
      const { rows } = await db.query<IncidentRow>(
        'UPDATE incidents SET status = \'resolved\', resolved_at = COALESCE(resolved_at, $2), updated_at = $2 WHERE id = $1 RETURNING *',
        [id, at],
      );
      return rows[0] && toIncident(rows[0]);
    },
  };
}
