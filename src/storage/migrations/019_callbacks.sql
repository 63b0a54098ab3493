-- Call-backs (#19): a request whose admin prefers the phone, or that nobody was online for, waits for an
-- agent's call. Each call is recorded in the request's history (agents only) with its outcome; a call
-- that reached the admin completes the call-back until the request is reopened.
ALTER TABLE ticket_events DROP CONSTRAINT ticket_events_kind_check;
ALTER TABLE ticket_events ADD CONSTRAINT ticket_events_kind_check
  CHECK (kind IN ('created', 'message', 'assigned', 'status_changed', 'reopened', 'internal_note', 'call_attempt'));
ALTER TABLE tickets ADD COLUMN callback_done_at timestamptz;
CREATE INDEX tickets_callbacks_due ON tickets (severity, created_at)
  WHERE status IN ('new', 'in_progress', 'waiting_on_customer') AND callback_done_at IS NULL AND (contact_method = 'phone' OR callback_requested);
