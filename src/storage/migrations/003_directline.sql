-- Embedded Direct Line 3.0 endpoint (web widget, terminal chat).

-- One server-wide signing key for Direct Line tokens. It lives in the database so that every bot
-- instance sharing the database verifies the tokens any other instance issued.
CREATE TABLE directline_keys (
  name       text PRIMARY KEY,
  secret     text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE directline_conversations (
  id         text PRIMARY KEY,
  -- Assigned by the server and embedded in the token; whatever `from.id` a client sends is ignored.
  user_id    text NOT NULL,
  -- The last watermark handed out; bumped under the row lock so instances never reuse a number.
  last_seq   bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The conversation's log, in watermark order. Typing indicators are not stored (they are only
-- pushed to open streams). An updated activity keeps its id and moves to a new watermark, so a
-- client reading from its watermark receives the new version and replaces the old one by id.
CREATE TABLE directline_activities (
  conversation_id text NOT NULL REFERENCES directline_conversations (id) ON DELETE CASCADE,
  seq             bigint NOT NULL,
  activity_id     text NOT NULL,
  activity        jsonb NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, seq),
  UNIQUE (conversation_id, activity_id)
);
