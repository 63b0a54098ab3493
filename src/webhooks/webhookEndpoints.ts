import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../storage/index.js';
import { webhookEventTypes, type WebhookEventType } from './payloads.js';
import { newSecret } from './signing.js';
import { checkTargetAddresses, checkTargetUrl, TargetError, type TargetPolicy } from './targets.js';

/**
 * The team's webhook endpoints: where each event type goes. Managers add them through the agent API or
 * `npm run webhooks`; the signing secret is shown once, when it is made.
 */

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: WebhookEventType[];
  description: string;
  enabled: boolean;
  disabledReason: string | null;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const endpointInputSchema = z.object({
  url: z.string().trim().min(1, 'a URL is needed').max(2000),
  events: z.array(z.enum(webhookEventTypes)).min(1, 'choose at least one event type').max(webhookEventTypes.length),
  description: z.string().trim().max(300).default(''),
});
export type EndpointInput = z.input<typeof endpointInputSchema>;

export const endpointPatchSchema = z
  .object({
    enabled: z.boolean().optional(),
    events: endpointInputSchema.shape.events.optional(),
    description: z.string().trim().max(300).optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'nothing to change');
export type EndpointPatch = z.input<typeof endpointPatchSchema>;

interface EndpointRow {
  id: string;
  url: string;
  events: string[];
  description: string;
  enabled: boolean;
  disabled_reason: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

const toEndpoint = (r: EndpointRow): WebhookEndpoint => ({
  id: r.id,
  url: r.url,
  events: r.events as WebhookEventType[],
  description: r.description,
  enabled: r.enabled,
  disabledReason: r.disabled_reason,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

/** A refused change, with a reason for the manager (400). */
export class WebhookInputError extends Error {}

export interface WebhookEndpoints {
  create(input: EndpointInput, createdBy?: string): Promise<{ endpoint: WebhookEndpoint; secret: string }>;
  list(): Promise<WebhookEndpoint[]>;
  get(id: string): Promise<WebhookEndpoint | undefined>;
  update(id: string, patch: EndpointPatch): Promise<WebhookEndpoint | undefined>;
  remove(id: string): Promise<boolean>;
  /** A new secret, in force at once (the old one stops verifying); shown this once. */
  rotateSecret(id: string): Promise<string | undefined>;
}

export function createWebhookEndpoints(db: Db, policy: TargetPolicy, now: () => Date = () => new Date()): WebhookEndpoints {
  const parse = <S extends z.ZodType>(schema: S, value: unknown): z.output<S> => {
    const r = schema.safeParse(value);
    if (!r.success) throw new WebhookInputError(r.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; '));
    return r.data;
  };
  return {
    async create(raw, createdBy) {
      const input = parse(endpointInputSchema, raw);
      let url: URL;
      try {
        url = checkTargetUrl(input.url, policy);
        await checkTargetAddresses(url, policy);
      } catch (err) {
        if (err instanceof TargetError) throw new WebhookInputError(err.message);
        throw err;
      }
      const secret = newSecret();
      const at = now();
      const { rows } = await db.query<EndpointRow>(
        `INSERT INTO webhook_endpoints (id, url, events, description, secret, created_by, created_at, updated_at)
         VALUES ($1, $2, $3::text[], $4, $5, $6, $7, $7) RETURNING *`,
        [`wh_${randomBytes(8).toString('hex')}`, url.toString(), [...new Set(input.events)], input.description, secret, createdBy ?? null, at],
      );
      return { endpoint: toEndpoint(rows[0]!), secret };
    },

    async list() {
      const { rows } = await db.query<EndpointRow>('SELECT * FROM webhook_endpoints ORDER BY created_at, id');
      return rows.map(toEndpoint);
    },

    async get(id) {
      const { rows } = await db.query<EndpointRow>('SELECT * FROM webhook_endpoints WHERE id = $1', [id]);
      return rows[0] && toEndpoint(rows[0]);
    },

    async update(id, raw) {
      const patch = parse(endpointPatchSchema, raw);
      const { rows } = await db.query<EndpointRow>(
        `UPDATE webhook_endpoints SET
           enabled = coalesce($2, enabled),
           disabled_reason = CASE WHEN $2 IS NULL THEN disabled_reason WHEN $2 THEN NULL ELSE 'turned off by a manager' END,
           events = coalesce($3::text[], events),
           description = coalesce($4, description),
           updated_at = $5
         WHERE id = $1 RETURNING *`,
        [id, patch.enabled ?? null, patch.events ? [...new Set(patch.events)] : null, patch.description ?? null, now()],
      );
      return rows[0] && toEndpoint(rows[0]);
    },

    async remove(id) {
      const { rowCount } = await db.query('DELETE FROM webhook_endpoints WHERE id = $1', [id]);
      return rowCount > 0;
    },

    async rotateSecret(id) {
      const secret = newSecret();
      const { rowCount } = await db.query('UPDATE webhook_endpoints SET secret = $2, updated_at = $3 WHERE id = $1', [id, secret, now()]);
      return rowCount > 0 ? secret : undefined;
    },
  };
}
