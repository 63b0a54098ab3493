import type { Server } from 'restify';
import { WebhookInputError, type WebhookDeliveries, type WebhookDelivery, type WebhookEndpoint, type WebhookEndpoints } from '../webhooks/index.js';
import { ApiError, type makeEndpoint } from './endpoint.js';
// Also registers the answers' schemas (by id) for `npm run docs:openapi`.
import { webhookDeliveriesQuery, webhookEndpointBody, webhookEndpointPatchBody } from './webhookSchemas.js';

/**
 * The managers' webhook routes (docs/webhooks.md):
 *   GET    /api/webhooks                              endpoints
 *   POST   /api/webhooks                              add one; the answer carries its secret, once
 *   PATCH  /api/webhooks/:id                          on/off, event types, description
 *   DELETE /api/webhooks/:id                          remove it (and its deliveries)
 *   POST   /api/webhooks/:id/rotate-secret            a new secret, shown once
 *   GET    /api/webhooks/deliveries?state=&endpoint=  recent deliveries, dead letters with state=dead
 *   POST   /api/webhooks/deliveries/:id/replay        a dead letter sent again, with the same Webhook-Id
 * Other agents get 403.
 */

export interface WebhookRouteDeps {
  endpoint: ReturnType<typeof makeEndpoint>;
  webhooks?: { endpoints: WebhookEndpoints; deliveries: WebhookDeliveries; wake(): void };
}

const endpointView = (e: WebhookEndpoint) => ({ ...e, createdAt: e.createdAt.toISOString(), updatedAt: e.updatedAt.toISOString() });
const deliveryView = (d: WebhookDelivery) => ({
  id: d.id,
  endpointId: d.endpointId,
  eventId: d.eventId,
  eventType: d.eventType,
  subject: d.subject,
  state: d.state,
  attempts: d.attempts,
  nextAttemptAt: d.nextAttemptAt.toISOString(),
  lastStatus: d.lastStatus,
  lastError: d.lastError,
  createdAt: d.createdAt.toISOString(),
  deliveredAt: d.deliveredAt?.toISOString() ?? null,
});

export function mountWebhookRoutes(server: Server, { endpoint, webhooks }: WebhookRouteDeps): void {
  const service = () => {
    if (!webhooks) throw new ApiError(404, 'Webhooks are not set up on this server.');
    return webhooks;
  };
  const inputError = (err: unknown): never => {
    if (err instanceof WebhookInputError) throw new ApiError(400, err.message);
    throw err;
  };
  const notFound = (id: string) => new ApiError(404, `No webhook endpoint ${id}.`);

  server.get('/api/webhooks', endpoint({ managers: true }, async () => ({ body: { endpoints: (await service().endpoints.list()).map(endpointView) } })));

  server.post(
    '/api/webhooks',
    endpoint({ managers: true, body: webhookEndpointBody }, async ({ body, agent }) => {
      const { endpoint: created, secret } = await service().endpoints.create(body, agent.id).catch(inputError);
      return { status: 201, body: { endpoint: endpointView(created), secret } };
    }),
  );

  server.patch(
    '/api/webhooks/:id',
    endpoint({ managers: true, body: webhookEndpointPatchBody }, async ({ params, body }) => {
      const updated = await service().endpoints.update(params.id!, body).catch(inputError);
      if (!updated) throw notFound(params.id!);
      return { body: { endpoint: endpointView(updated) } };
    }),
  );

  server.del(
    '/api/webhooks/:id',
    endpoint({ managers: true }, async ({ params }) => {
      if (!(await service().endpoints.remove(params.id!))) throw notFound(params.id!);
      return {
        body: null,
        send: (res) => {
          res.status(204);
          res.end();
        },
      };
    }),
  );

  server.post(
    '/api/webhooks/:id/rotate-secret',
    endpoint({ managers: true }, async ({ params }) => {
      const secret = await service().endpoints.rotateSecret(params.id!);
      const updated = secret && (await service().endpoints.get(params.id!));
      if (!secret || !updated) throw notFound(params.id!);
      return { body: { endpoint: endpointView(updated), secret } };
    }),
  );

  server.get(
    '/api/webhooks/deliveries',
    endpoint({ managers: true, query: webhookDeliveriesQuery }, async ({ query }) => ({
      body: { deliveries: (await service().deliveries.list({ state: query.state, endpointId: query.endpoint, limit: query.limit })).map(deliveryView) },
    })),
  );

  server.post(
    '/api/webhooks/deliveries/:id/replay',
    endpoint({ managers: true }, async ({ params }) => {
      if (!(await service().deliveries.replay(params.id!))) throw new ApiError(409, `Delivery ${params.id} is not a dead letter (only those are replayed).`);
      service().wake();
      return { body: { replayed: true } };
    }),
  );
}
