-- The daily retention clean-up deletes bot state (conversations' places and cases, admins' saved
-- contact details) not changed within the retention period.
CREATE INDEX bot_state_updated_at ON bot_state (updated_at);
