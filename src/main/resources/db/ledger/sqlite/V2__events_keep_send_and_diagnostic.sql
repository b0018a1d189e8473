-- Which send an event belongs to, when it happened, and what the receiver said (issue 15).
-- V3 (a Java migration, OneRowPerAddress) then merges the rows older versions kept apart.

-- the caller's id of the message sent: the retries of one send count once
ALTER TABLE events ADD COLUMN message_id TEXT;
-- when the bounce happened, as the caller says (recorded_at is when the ledger recorded it)
ALTER TABLE events ADD COLUMN occurred_at BIGINT;
-- the receiver's text the event was decided on, addresses other than the recipient's domain masked;
-- blanked after the diagnostic retention period
ALTER TABLE events ADD COLUMN diagnostic TEXT;
-- the rest of what the rules were given, so a re-evaluation under new rules sees the same input
ALTER TABLE events ADD COLUMN dsn_action TEXT;
ALTER TABLE events ADD COLUMN remote_mta TEXT;
CREATE INDEX events_by_message ON events (address, message_id) WHERE message_id IS NOT NULL;
