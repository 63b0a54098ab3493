-- Insights (#18): what happened to each problem an admin brought (a case), satisfaction answers, the
-- knowledge gaps, and a read model of requests for response objectives and agents' times. Owned by
-- src/insights/. Every figure is counted by `report_day`: the day in the team's reporting time zone
-- (INSIGHTS_TIME_ZONE), recomputed when that setting changes.

CREATE TABLE insight_settings (
  key text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE insight_cases (
  id uuid PRIMARY KEY,
  conversation_id text NOT NULL,
  -- The conversation's first case: summing it counts conversations, however many cases each has.
  first_in_conversation boolean NOT NULL,
  channel_id text NOT NULL,
  language text NOT NULL,
  cloud text NOT NULL,
  category text NOT NULL,
  topic text NOT NULL,
  confidence real,
  started_at timestamptz NOT NULL,
  report_day date NOT NULL,
  last_activity_at timestamptz NOT NULL,
  outcome text CHECK (outcome IN ('self_help', 'incident', 'escalated', 'handed_to_person', 'abandoned', 'refused')),
  ended_at timestamptz,
  ticket_number text
);
CREATE INDEX insight_cases_conversation ON insight_cases (conversation_id);
CREATE INDEX insight_cases_open ON insight_cases (last_activity_at) WHERE outcome IS NULL;
CREATE INDEX insight_cases_ticket ON insight_cases (ticket_number) WHERE ticket_number IS NOT NULL;

-- Cases per reporting day and what they are about, by outcome: every case figure of the dashboard reads
-- these rows, never the cases. Kept in the transaction of each case change.
CREATE TABLE insight_case_days (
  report_day date NOT NULL,
  channel_id text NOT NULL,
  language text NOT NULL,
  cloud text NOT NULL,
  category text NOT NULL,
  topic text NOT NULL,
  conversations integer NOT NULL DEFAULT 0,
  cases integer NOT NULL DEFAULT 0,
  self_help integer NOT NULL DEFAULT 0,
  incident integer NOT NULL DEFAULT 0,
  escalated integer NOT NULL DEFAULT 0,
  handed_to_person integer NOT NULL DEFAULT 0,
  abandoned integer NOT NULL DEFAULT 0,
  refused integer NOT NULL DEFAULT 0,
  PRIMARY KEY (report_day, channel_id, language, cloud, category, topic)
);

-- The same counts by one dimension at a time ('all', 'topic', 'category', 'channel', 'language', 'cloud'):
-- the dashboard's unfiltered views and single filters read these few rows per day, not every combination.
CREATE TABLE insight_case_day_keys (
  dim text NOT NULL,
  report_day date NOT NULL,
  key text NOT NULL,
  conversations integer NOT NULL DEFAULT 0,
  cases integer NOT NULL DEFAULT 0,
  self_help integer NOT NULL DEFAULT 0,
  incident integer NOT NULL DEFAULT 0,
  escalated integer NOT NULL DEFAULT 0,
  handed_to_person integer NOT NULL DEFAULT 0,
  abandoned integer NOT NULL DEFAULT 0,
  refused integer NOT NULL DEFAULT 0,
  PRIMARY KEY (dim, report_day, key)
);

-- "case:<id>" or "ticket:<number>": asked once, answered once.
CREATE TABLE insight_satisfaction_asked (
  subject text PRIMARY KEY,
  asked_at timestamptz NOT NULL
);
CREATE TABLE insight_satisfaction (
  id bigserial PRIMARY KEY,
  subject text NOT NULL UNIQUE,
  about text NOT NULL CHECK (about IN ('self_help', 'ticket')),
  case_id uuid,
  ticket_number text,
  score smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment text,
  conversation_id text NOT NULL,
  channel_id text NOT NULL,
  language text NOT NULL,
  cloud text NOT NULL,
  category text NOT NULL,
  topic text NOT NULL,
  at timestamptz NOT NULL,
  report_day date NOT NULL
);
CREATE INDEX insight_satisfaction_day ON insight_satisfaction (report_day);
CREATE INDEX insight_satisfaction_comments ON insight_satisfaction (at DESC) WHERE comment IS NOT NULL;

CREATE TABLE insight_gap_clusters (
  id bigserial PRIMARY KEY,
  language text NOT NULL,
  label text NOT NULL,
  -- Term counts of the cluster's texts (the most frequent kept), compared with a new text's terms.
  terms jsonb NOT NULL,
  gaps integer NOT NULL DEFAULT 0,
  first_seen timestamptz NOT NULL,
  last_seen timestamptz NOT NULL
);
CREATE INDEX insight_gap_clusters_recent ON insight_gap_clusters (language, last_seen DESC);
CREATE TABLE insight_gaps (
  id bigserial PRIMARY KEY,
  cluster_id bigint NOT NULL REFERENCES insight_gap_clusters (id) ON DELETE CASCADE,
  case_id uuid,
  -- The admin's words with personal data removed before they were stored.
  text text NOT NULL,
  language text NOT NULL,
  reason text NOT NULL CHECK (reason IN ('clarification', 'something_else', 'out_of_scope_low_confidence', 'self_help_failed')),
  topic text,
  closest_article_id text,
  score real,
  at timestamptz NOT NULL,
  report_day date NOT NULL
);
CREATE INDEX insight_gaps_day ON insight_gaps (report_day, cluster_id);
CREATE INDEX insight_gaps_cluster ON insight_gaps (cluster_id, at DESC);

-- Requests as the outbox tells of them (src/outbox/): the objective each had and how it went.
CREATE TABLE insight_tickets (
  number text PRIMARY KEY,
  created_at timestamptz NOT NULL,
  report_day date NOT NULL,
  channel_id text NOT NULL,
  language text NOT NULL,
  cloud text NOT NULL,
  category text NOT NULL,
  topic text NOT NULL,
  plan_id text,
  severity text NOT NULL,
  objective_family text NOT NULL,
  availability text NOT NULL,
  initial_response text NOT NULL,
  response_due_at timestamptz,
  first_response_at timestamptz,
  -- On the objective's clock: support hours for objectives counted in business days.
  response_minutes real,
  status text NOT NULL,
  resolved_at timestamptz,
  closed_at timestamptz,
  reopen_count integer NOT NULL DEFAULT 0,
  assigned_agent_id text,
  -- Since when the request waits for an agent to take it (filed, or reopened); null once taken.
  waiting_since timestamptz,
  -- Since when it is being worked towards a resolution (filed, or reopened).
  working_since timestamptz NOT NULL
);
CREATE INDEX insight_tickets_day ON insight_tickets (report_day);

-- Each claim (first assignment after filing or reopening) and each resolution, by agent.
CREATE TABLE insight_agent_work (
  event_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('claim', 'resolve')),
  ticket_number text NOT NULL,
  agent_id text NOT NULL,
  at timestamptz NOT NULL,
  report_day date NOT NULL,
  minutes real NOT NULL,
  PRIMARY KEY (event_id, kind)
);
CREATE INDEX insight_agent_work_day ON insight_agent_work (report_day, agent_id);
