-- Signed outbound webhooks (#19): the team's own systems (a helpdesk) hear about requests. Endpoints are
-- configured by managers; every outbox event of a subscribed type becomes one delivery per endpoint,
-- sent at least once with retries, then kept as a dead letter a manager can replay.

CREATE TABLE webhook_endpoints (
  id              text PRIMARY KEY,
  url             text NOT NULL CHECK (char_length(url) <= 2000),
  -- Subscribed event types (a subset of the outbox's five).
  events          text[] NOT NULL CHECK (cardinality(events) > 0),
  description     text NOT NULL DEFAULT '' CHECK (char_length(description) <= 300),
  -- The signing secret ("whsec_" + base64). Needed in clear to sign; never returned by the API after it
  -- was shown once (creation, rotation). Whoever reads this table can forge deliveries: guard it like
  -- the Direct Line signing keys beside it.
  secret          text NOT NULL,
  enabled         boolean NOT NULL DEFAULT true,
  -- Why it was turned off (by a manager, or by the receiver answering 410 Gone).
  disabled_reason text,
  created_by      text,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL
);

CREATE TABLE webhook_deliveries (
  id              bigserial PRIMARY KEY,
  endpoint_id     text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  -- The outbox event's idempotency key, sent as Webhook-Id: the same on every attempt and replay.
  event_id        uuid NOT NULL,
  event_type      text NOT NULL,
  subject         text,
  -- The exact JSON body, fixed when the delivery was made, so every attempt sends the same bytes.
  body            text NOT NULL,
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sending', 'delivered', 'dead')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  -- While 'sending': the attempt's owner; once past, another instance (or this one after a crash) retries.
  lease_until     timestamptz,
  last_status     integer,
  last_error      text,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  delivered_at    timestamptz,
  UNIQUE (endpoint_id, event_id)
);
-- The worker's next due work, in order.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id) WHERE state IN ('pending', 'sending');
CREATE INDEX webhook_deliveries_by_state ON webhook_deliveries (state, id DESC);
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (endpoint_id, id DESC);
