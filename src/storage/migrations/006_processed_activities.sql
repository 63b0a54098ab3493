-- Activity ids already taken by a turn, so a channel's retried delivery is not processed twice.
CREATE TABLE processed_activities (
  conversation_id text NOT NULL,
  activity_id     text NOT NULL,
  at              timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, activity_id)
);
CREATE INDEX processed_activities_at ON processed_activities (at);
