-- Identity that follows the admin (issue 17): host-signed identities, anonymous visitors, ownership codes.

-- src/channels/directline: the `jti` of every host identity token accepted, until it expires, so a token
-- is used once however many instances share the database (the primary key settles concurrent uses).
CREATE TABLE identity_token_uses (
  jti        text PRIMARY KEY,
  expires_at timestamptz NOT NULL
);
CREATE INDEX identity_token_uses_by_expiry ON identity_token_uses (expires_at);

-- src/channels/directline: a user's conversations newest first, for "resume the latest one".
CREATE INDEX directline_conversations_by_user ON directline_conversations (user_id, updated_at DESC);

-- src/identity: name and email a host site vouched for in a signed identity token, by the Direct Line
-- user id derived from its `sub`. Written only by the token route after verification; the dialogs read it
-- to prefill the contact step, so a browser can never claim a name or email the host did not sign.
CREATE TABLE identity_contacts (
  user_id    text PRIMARY KEY,
  name       text,
  email      text,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- src/identity: one-time codes proving that a person in this chat owns a request filed under another id.
-- The code is checked against its hash. Until mail sending exists (issue 19) the only way to hand the code
-- over is an agent reading it out, so the plain code is kept while the code is live and cleared as soon as
-- it is used, locked or expired.
CREATE TABLE ownership_codes (
  id              bigserial PRIMARY KEY,
  ticket_number   text NOT NULL,
  requester_id    text NOT NULL,
  code_hash       text NOT NULL,
  code_for_agents text,
  created_at      timestamptz NOT NULL,
  expires_at      timestamptz NOT NULL,
  attempts        integer NOT NULL DEFAULT 0,
  used_at         timestamptz,
  locked_at       timestamptz
);
CREATE INDEX ownership_codes_by_ticket ON ownership_codes (ticket_number, created_at DESC);
CREATE INDEX ownership_codes_by_requester ON ownership_codes (requester_id, created_at DESC);

-- src/tickets: more requester ids that may see and act on a ticket (the ticket's own requester_id stays
-- who filed it). `how` says how the link was proven, e.g. 'ownership_code'.
CREATE TABLE ticket_requesters (
  ticket_id    bigint NOT NULL REFERENCES tickets (id),
  requester_id text NOT NULL,
  added_at     timestamptz NOT NULL,
  how          text NOT NULL CHECK (how IN ('ownership_code')),
  PRIMARY KEY (ticket_id, requester_id)
);
CREATE INDEX ticket_requesters_by_requester ON ticket_requesters (requester_id);
