-- Human handoff: agents, the conversation transcript, live handoffs and their chat.

-- Support agents. Only a SHA-256 hash of each token is kept: the token itself is shown once by
-- `npm run agent -- add`, so a copy of the database does not let anyone sign in.
CREATE SEQUENCE agent_seq START WITH 1;
CREATE TABLE agents (
  id           text PRIMARY KEY,
  name         text NOT NULL,
  token_hash   text NOT NULL UNIQUE,
  created_at   timestamptz NOT NULL,
  -- Bumped by API calls and open console streams; "online" is a recent value (AGENT_ONLINE_MINUTES).
  last_seen_at timestamptz,
  -- Removed agents keep their row so ticket history still shows who did what; their token stops working.
  removed_at   timestamptz
);

-- Message activities of every conversation (admin and bot, agent messages relayed by the bot), for the
-- agent who takes over. A ticket's stored conversation reference links it to its transcript.
CREATE TABLE transcript_activities (
  id              bigserial PRIMARY KEY,
  conversation_id text NOT NULL,
  channel_id      text NOT NULL,
  role            text NOT NULL CHECK (role IN ('user', 'bot', 'agent')),
  text            text NOT NULL DEFAULT '',
  activity        jsonb NOT NULL,
  at              timestamptz NOT NULL
);
CREATE INDEX transcript_by_conversation ON transcript_activities (conversation_id, id);
CREATE INDEX transcript_by_time ON transcript_activities (at);

-- A conversation handed to the agents for one ticket: waiting in the queue, with an agent, or ended.
CREATE TABLE handoffs (
  id              bigserial PRIMARY KEY,
  conversation_id text NOT NULL,
  ticket_number   text NOT NULL,
  status          text NOT NULL CHECK (status IN ('waiting', 'with_agent', 'ended')),
  agent_id        text,
  end_reason      text CHECK (end_reason IN ('cancelled', 'handed_back', 'resolved', 'closed')),
  -- The admin was told once that messages typed while waiting are passed on.
  waiting_noted   boolean NOT NULL DEFAULT false,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  ended_at        timestamptz,
  CHECK ((status = 'ended') = (ended_at IS NOT NULL)),
  CHECK (status <> 'with_agent' OR agent_id IS NOT NULL)
);
-- At most one live handoff per conversation: every admin message is checked against this index.
CREATE UNIQUE INDEX handoffs_live_by_conversation ON handoffs (conversation_id) WHERE status <> 'ended';
CREATE INDEX handoffs_by_ticket ON handoffs (ticket_number, id);
CREATE INDEX handoffs_with_agent ON handoffs (agent_id) WHERE status = 'with_agent';

-- The live chat between the admin and the agents on a ticket, with notices (joined, left, status).
CREATE TABLE handoff_messages (
  id            bigserial PRIMARY KEY,
  ticket_number text NOT NULL,
  sender        text NOT NULL CHECK (sender IN ('admin', 'agent', 'system')),
  agent_id      text,
  text          text NOT NULL,
  at            timestamptz NOT NULL
);
CREATE INDEX handoff_messages_by_ticket ON handoff_messages (ticket_number, id);
