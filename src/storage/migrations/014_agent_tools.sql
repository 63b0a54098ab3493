-- Agent tools (#17): resolution notes, internal notes, the first agent response (for the response
-- objective's warning), ticket search over every request, and canned replies.

-- What the agent wrote when resolving or closing: shown to the admin in the status-change message and in
-- "status of" answers. Cleared when the request is reopened (the history keeps every note).
ALTER TABLE tickets ADD COLUMN resolution_note text CHECK (char_length(resolution_note) <= 2000);

-- When an agent first responded to the admin (a message, or a status change the admin is told about):
-- the response objective is met once this is set. Backfilled from what the history and the chat show.
ALTER TABLE tickets ADD COLUMN first_response_at timestamptz;
UPDATE tickets t SET first_response_at = first.at
  FROM (
    SELECT ticket_id, min(at) AS at FROM (
      SELECT e.ticket_id, e.at FROM ticket_events e WHERE e.kind = 'status_changed' AND e.actor->>'kind' = 'agent'
      UNION ALL
      SELECT tk.id, m.at FROM handoff_messages m JOIN tickets tk ON tk.number = m.ticket_number WHERE m.sender = 'agent'
    ) responses GROUP BY ticket_id
  ) first
 WHERE first.ticket_id = t.id;

-- Internal notes: agents' notes on a request, in its history for agents only (never shown to the admin).
ALTER TABLE ticket_events DROP CONSTRAINT ticket_events_kind_check;
ALTER TABLE ticket_events ADD CONSTRAINT ticket_events_kind_check
  CHECK (kind IN ('created', 'message', 'assigned', 'status_changed', 'reopened', 'internal_note'));

-- Search over every request (GET /api/tickets?q=&status=&severity=&from=&to=), newest first, paged by
-- (created_at, id): each filter walks an index in that order and stops at the page size.
CREATE INDEX tickets_by_created ON tickets (created_at DESC, id DESC);
CREATE INDEX tickets_by_status_created ON tickets (status, created_at DESC, id DESC);
CREATE INDEX tickets_by_severity_created ON tickets (severity, created_at DESC, id DESC);
CREATE INDEX tickets_by_requester_email ON tickets (lower(requester_email));
-- Words of the requester's name and email, the product and the description ('simple': no stemming, so
-- German and English words match as typed; Chinese text is matched by substring instead).
CREATE INDEX tickets_text_search ON tickets USING gin (
  to_tsvector('simple', requester_name || ' ' || requester_email || ' ' || coalesce(product, '') || ' ' || description)
);

-- Canned replies: texts agents insert into the reply box, with placeholders filled from the ticket.
-- `language` null: for any language; otherwise offered on requests filed in that language.
CREATE TABLE canned_replies (
  id         bigserial PRIMARY KEY,
  title      text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 100),
  body       text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
  language   text CHECK (language IN ('en', 'de', 'zh-Hans', 'zh-Hant')),
  created_by text NOT NULL,
  updated_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX canned_replies_unique_title ON canned_replies (lower(title), coalesce(language, ''));
