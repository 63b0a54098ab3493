// Public API of the transactional outbox: events appended in the transaction of a change, read by consumers.
export { outboxEventTypes, recordEvent, type NewOutboxEvent, type OutboxEvent, type OutboxEventType } from './outboxEvents.js';
export { outboxRetention, startOutboxDispatcher, type OutboxConsumer, type OutboxDispatcher, type OutboxDispatcherOptions } from './dispatcher.js';
