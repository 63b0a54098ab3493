import { z } from 'zod';
import { endpointInputSchema, endpointPatchSchema, webhookEventTypes } from '../webhooks/index.js';

/**
 * Requests and answers of the managers' webhook routes (webhookRoutes.ts), registered by id like those
 * of schemas.ts so `npm run docs:openapi` describes them. What the receivers get is in docs/webhooks.md.
 */

export const webhookEventTypeSchema = z.enum(webhookEventTypes).meta({ id: 'WebhookEventType' });

export const webhookEndpointBody = endpointInputSchema
  .extend({
    url: endpointInputSchema.shape.url.meta({ description: 'https:// only (http with WEBHOOK_ALLOW_HTTP=true); public addresses only unless WEBHOOK_ALLOW_PRIVATE_TARGETS=true.' }),
    events: z.array(webhookEventTypeSchema).min(1).max(webhookEventTypes.length),
  })
  .meta({ id: 'WebhookEndpointBody' });

export const webhookEndpointPatchBody = endpointPatchSchema.meta({ id: 'WebhookEndpointPatchBody', description: 'Turn an endpoint on or off, change its event types or description.' });

export const webhookEndpoint = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(webhookEventTypeSchema),
    description: z.string(),
    enabled: z.boolean(),
    disabledReason: z.string().nullable().meta({ description: 'Why it is off: a manager turned it off, or the receiver answered 410 Gone.' }),
    createdBy: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'WebhookEndpoint' });

export const webhookEndpointListResponse = z.object({ endpoints: z.array(webhookEndpoint) }).meta({ id: 'WebhookEndpointListResponse' });
export const webhookEndpointResponse = z.object({ endpoint: webhookEndpoint }).meta({ id: 'WebhookEndpointResponse' });
export const webhookSecretResponse = z
  .object({
    endpoint: webhookEndpoint,
    secret: z.string().meta({ description: 'The signing secret ("whsec_…"). Shown only in this answer: store it in the receiver now.' }),
  })
  .meta({ id: 'WebhookSecretResponse' });

export const webhookDeliveriesQuery = z
  .object({
    state: z.enum(['pending', 'sending', 'delivered', 'dead']).optional(),
    endpoint: z.string().max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).optional(),
  })
  .meta({ id: 'WebhookDeliveriesQuery' });

export const webhookDelivery = z
  .object({
    id: z.string(),
    endpointId: z.string(),
    eventId: z.string().meta({ description: 'The idempotency key, sent as Webhook-Id on every attempt and replay.' }),
    eventType: webhookEventTypeSchema,
    subject: z.string().nullable().meta({ description: 'The request number.' }),
    state: z.enum(['pending', 'sending', 'delivered', 'dead']).meta({ description: '`dead`: every attempt failed (or the endpoint is off); a manager can replay it.' }),
    attempts: z.int(),
    nextAttemptAt: z.iso.datetime(),
    lastStatus: z.int().nullable().meta({ description: "The receiver's last HTTP status; null when it could not be reached." }),
    lastError: z.string().nullable(),
    createdAt: z.iso.datetime(),
    deliveredAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'WebhookDelivery' });

export const webhookDeliveryListResponse = z.object({ deliveries: z.array(webhookDelivery) }).meta({ id: 'WebhookDeliveryListResponse' });
export const webhookReplayResponse = z.object({ replayed: z.literal(true) }).meta({ id: 'WebhookReplayResponse' });
