-- The transactional outbox (#19): what happened to requests, written in the same transaction as the
-- change, for the modules that act on it later (webhooks, email, insights). See src/outbox/.

CREATE TABLE outbox_events (
  id          bigserial PRIMARY KEY,
  -- The idempotency key: the same for every delivery of this event, whoever delivers it.
  event_id    uuid NOT NULL UNIQUE,
  type        text NOT NULL CHECK (type IN ('ticket.created', 'ticket.updated', 'ticket.closed', 'handoff.started', 'satisfaction.recorded')),
  -- The request it is about (ticket number), when it is about one.
  subject     text,
  payload     jsonb NOT NULL,
  occurred_at timestamptz NOT NULL,
  -- The writing transaction's id. Consumers read only events of transactions older than every running
  -- one, in (txid, id) order: a transaction that took its id earlier but commits later is never skipped.
  txid        bigint NOT NULL DEFAULT pg_current_xact_id()::text::bigint
);
CREATE INDEX outbox_events_by_position ON outbox_events (txid, id);
CREATE INDEX outbox_events_by_time ON outbox_events (occurred_at);

-- How far each consumer has read the log.
CREATE TABLE outbox_cursors (
  consumer   text PRIMARY KEY,
  last_txid  bigint NOT NULL DEFAULT 0,
  last_id    bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL
);

-- What notifications and call-backs need to know about the admin (#19): the time zone the channel
-- reported when the request was filed, and the hours they said suit them for a call.
ALTER TABLE tickets ADD COLUMN requester_time_zone text CHECK (char_length(requester_time_zone) <= 64);
ALTER TABLE tickets ADD COLUMN callback_hours text CHECK (char_length(callback_hours) <= 200);
