-- Email notifications (#19): what an admin should hear about a request while away from the chat (an
-- agent's message, a question, a status change, the resolution), sent by email in their language,
-- several updates within minutes as one digest, each change in exactly one mail.

CREATE TABLE notifications (
  id              bigserial PRIMARY KEY,
  -- The outbox event it came from: one notification per change and recipient, however often a batch repeats.
  event_id        uuid NOT NULL,
  ticket_number   text NOT NULL,
  recipient       text NOT NULL,
  language        text NOT NULL,
  conversation_id text,
  kind            text NOT NULL CHECK (kind IN ('agent_message', 'needs_information', 'in_progress', 'resolved', 'closed', 'reopened')),
  -- What the mail says about it: the agent's name and message, the resolution note.
  detail          jsonb NOT NULL,
  occurred_at     timestamptz NOT NULL,
  state           text NOT NULL DEFAULT 'pending'
                  CHECK (state IN ('pending', 'sending', 'sent', 'skipped_present', 'skipped_no_mail_server', 'skipped_unsubscribed', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  -- While 'sending': the sender's; afterwards another instance (or this one after a crash) may send it.
  lease_until     timestamptz,
  -- The mail it went out in (a digest carries several), chosen before sending so a resend keeps it.
  message_id      text,
  last_error      text,
  created_at      timestamptz NOT NULL,
  sent_at         timestamptz,
  UNIQUE (event_id, recipient)
);
CREATE INDEX notifications_due ON notifications (next_attempt_at, id) WHERE state IN ('pending', 'sending');
CREATE INDEX notifications_by_ticket ON notifications (ticket_number, id);

-- "Stop emailing me about this request" (the link in every mail, RFC 8058 one-click).
CREATE TABLE notification_unsubscribes (
  ticket_number text NOT NULL,
  recipient     text NOT NULL,
  at            timestamptz NOT NULL,
  PRIMARY KEY (ticket_number, recipient)
);

-- The key that signs unsubscribe links, made once.
CREATE TABLE notification_keys (
  id         integer PRIMARY KEY CHECK (id = 1),
  secret     text NOT NULL,
  created_at timestamptz NOT NULL
);
