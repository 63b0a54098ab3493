-- Which server process took an activity id, so a redelivery after that process died can be taken
-- over when the turn never finished (see src/bot/turnGuard.ts).
ALTER TABLE processed_activities ADD COLUMN instance text NOT NULL DEFAULT '';
