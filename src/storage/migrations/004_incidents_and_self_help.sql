-- Service-health incidents the conversation checks before offering self-help.
CREATE SEQUENCE incident_seq START 100001;
CREATE TABLE incidents (
  id             text PRIMARY KEY,
  title          text NOT NULL,
  product        text NOT NULL,
  topics         text[] NOT NULL DEFAULT '{}',
  classification text NOT NULL CHECK (classification IN ('incident', 'advisory')),
  summary        text NOT NULL,
  user_impact    text NOT NULL DEFAULT '',
  status         text NOT NULL CHECK (status IN ('active', 'resolved')),
  started_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  resolved_at    timestamptz
);
CREATE INDEX incidents_active ON incidents (status) WHERE status = 'active';

-- Answers to "did this solve it?", so confirmed self-help resolutions can be counted.
CREATE TABLE self_help_outcomes (
  id              bigserial PRIMARY KEY,
  conversation_id text NOT NULL,
  channel_id      text NOT NULL,
  topic           text,
  article_ids     text[] NOT NULL,
  resolved        boolean NOT NULL,
  at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX self_help_outcomes_at ON self_help_outcomes (at);
