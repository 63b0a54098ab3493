-- The daily retention clean-up deletes the embedded Direct Line's log by age, as it does transcripts.
CREATE INDEX directline_activities_created_at ON directline_activities (created_at);
CREATE INDEX directline_conversations_updated_at ON directline_conversations (updated_at);
