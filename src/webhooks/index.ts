// Public API of the signed outbound webhooks (docs/webhooks.md): endpoints, the outbox consumer, the delivery worker.
export { MAX_BODY_BYTES, WEBHOOK_VERSION, webhookBody, webhookEventTypes, type WebhookEventType } from './payloads.js';
export { newSecret, sign, signedHeaders, TIMESTAMP_TOLERANCE_SECONDS, verifySignature, type SignedHeaders } from './signing.js';
export { checkTargetUrl, isPrivateAddress, TargetError, type TargetPolicy } from './targets.js';
export {
  createWebhookEndpoints,
  endpointInputSchema,
  endpointPatchSchema,
  WebhookInputError,
  type EndpointInput,
  type EndpointPatch,
  type WebhookEndpoint,
  type WebhookEndpoints,
} from './webhookEndpoints.js';
export {
  createWebhookDeliveries,
  retryDelayMs,
  startWebhookWorker,
  webhookMetrics,
  webhooksConsumer,
  type DeliveryQuery,
  type DeliveryState,
  type RetryPolicy,
  type WebhookDeliveries,
  type WebhookDelivery,
  type WebhookWorker,
  type WebhookWorkerOptions,
} from './webhookDeliveries.js';
