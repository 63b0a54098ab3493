-- Bot Framework state (conversation and user state) as JSON documents with an optimistic-concurrency eTag.
CREATE TABLE bot_state (
  key        text PRIMARY KEY,
  etag       text NOT NULL,
  data       jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
