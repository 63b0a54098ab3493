-- Service requests (tickets) and their append-only history.

-- Readable numbers come from a sequence so that several bot instances on one server never hand out the
-- same one. Gaps (a retried submission that lost the race still draws a value) are harmless.
CREATE SEQUENCE ticket_number_seq START WITH 1000001;

CREATE TABLE tickets (
  id                     bigserial PRIMARY KEY,
  number                 text NOT NULL UNIQUE,
  -- Identifies one submission: a retried delivery carries the same key and must not make a second ticket.
  dedupe_key             text NOT NULL UNIQUE,
  requester_id           text NOT NULL,
  requester_name         text NOT NULL,
  requester_email        text NOT NULL,
  requester_phone        text,
  contact_method         text NOT NULL CHECK (contact_method IN ('phone', 'email', 'teams_chat', 'web_chat')),
  cloud                  text NOT NULL CHECK (cloud IN ('worldwide', '21vianet', 'germany')),
  plan_id                text,
  plan_family            text CHECK (plan_family IN ('business', 'enterprise')),
  elevated               boolean NOT NULL DEFAULT false,
  advanced_agreement     boolean NOT NULL DEFAULT false,
  category               text NOT NULL CHECK (category IN ('technical', 'billing', 'presales', 'support', 'out-of-scope')),
  topic                  text,
  product                text,
  severity               text NOT NULL CHECK (severity IN ('A', 'B', 'C')),
  severity_reason        text NOT NULL,
  description            text NOT NULL,
  articles_tried         jsonb NOT NULL DEFAULT '[]',
  status                 text NOT NULL DEFAULT 'new'
                         CHECK (status IN ('new', 'in_progress', 'waiting_on_customer', 'resolved', 'closed')),
  assigned_agent_id      text,
  callback_requested     boolean NOT NULL DEFAULT false,
  channel_id             text,
  conversation_reference jsonb,
  reopen_count           integer NOT NULL DEFAULT 0,
  created_at             timestamptz NOT NULL,
  updated_at             timestamptz NOT NULL,
  response_due_at        timestamptz,
  resolved_at            timestamptz,
  closed_at              timestamptz,
  CHECK (status <> 'closed' OR closed_at IS NOT NULL),
  CHECK (status <> 'resolved' OR resolved_at IS NOT NULL)
);

CREATE INDEX tickets_by_requester ON tickets (requester_id, created_at DESC);
-- The agents' queue: open tickets by severity, then response due time.
CREATE INDEX tickets_open_queue ON tickets (severity, response_due_at, id)
  WHERE status IN ('new', 'in_progress', 'waiting_on_customer');

CREATE TABLE ticket_events (
  id        bigserial PRIMARY KEY,
  ticket_id bigint NOT NULL REFERENCES tickets (id),
  at        timestamptz NOT NULL,
  kind      text NOT NULL CHECK (kind IN ('created', 'message', 'assigned', 'status_changed', 'reopened')),
  actor     jsonb NOT NULL,
  data      jsonb NOT NULL DEFAULT '{}'
);

CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_id, id);

-- History is evidence of what happened: rows may be added, never changed or removed.
CREATE FUNCTION ticket_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ticket_events is append-only: % is not allowed', TG_OP;
END;
$$;

CREATE TRIGGER ticket_events_append_only
  BEFORE UPDATE OR DELETE ON ticket_events
  FOR EACH ROW EXECUTE FUNCTION ticket_events_append_only();
