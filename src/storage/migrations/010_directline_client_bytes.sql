-- What each widget conversation's client has stored: the bytes of its own activities in the log
-- (the bot's replies are not counted). A client whose activities would take its conversation past
-- the quota (src/channels/directline/clientLimits.ts) is refused; the check and the count are one
-- UPDATE under the conversation row's lock, so concurrent posts from any instance cannot overshoot.
ALTER TABLE directline_conversations ADD COLUMN client_bytes bigint NOT NULL DEFAULT 0;

-- Conversations from before the count: what their clients stored so far (jsonb's text form, close
-- enough to the JSON the count measures).
UPDATE directline_conversations c
   SET client_bytes = s.bytes
  FROM (SELECT a.conversation_id, sum(octet_length(a.activity::text)) AS bytes
          FROM directline_activities a JOIN directline_conversations d ON d.id = a.conversation_id
         WHERE a.activity->'from'->>'id' = d.user_id
         GROUP BY a.conversation_id) s
 WHERE s.conversation_id = c.id;
