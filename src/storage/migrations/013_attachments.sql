-- Files admins and agents exchange about a case (src/attachments/). A file an admin sends before the
-- case is a ticket waits with the conversation (ticket_number NULL) and moves onto the ticket when it
-- is filed; one that never gets there is deleted by the attachments' retention step.
CREATE TABLE attachments (
  -- Random, unguessable (18 random bytes, base64url): it is part of download URLs.
  id              text PRIMARY KEY,
  ticket_number   text REFERENCES tickets (number),
  -- The conversation the file came from or went to (Teams or the widget's Direct Line conversation).
  conversation_id text,
  direction       text NOT NULL CHECK (direction IN ('from_admin', 'from_agent')),
  agent_id        text,
  -- Sanitised for display and for Content-Disposition; never used to name anything on disk.
  file_name       text NOT NULL,
  -- As sniffed from the bytes, never as declared by the sender.
  content_type    text NOT NULL,
  size            integer NOT NULL CHECK (size > 0),
  sha256          text NOT NULL,
  -- 'db': the bytes are in `content`; 'dir': in ATTACHMENTS_DIR, under a path made from the id alone.
  stored_in       text NOT NULL CHECK (stored_in IN ('db', 'dir')),
  content         bytea,
  -- A file an agent sent into Teams goes through the admin's consent: offered, then accepted or declined.
  delivery        text CHECK (delivery IN ('sent', 'offered', 'accepted', 'declined', 'failed')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (ticket_number IS NOT NULL OR conversation_id IS NOT NULL),
  CHECK ((stored_in = 'db') = (content IS NOT NULL))
);

CREATE INDEX attachments_ticket ON attachments (ticket_number, created_at) WHERE ticket_number IS NOT NULL;
CREATE INDEX attachments_pending ON attachments (conversation_id, created_at) WHERE ticket_number IS NULL;

-- The key download links are signed with (HMAC), shared by every instance on the database.
CREATE TABLE attachment_keys (
  name       text PRIMARY KEY,
  secret     text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
