-- A bounded sample of recent real traffic (issue 18): each distinct input the rules were given,
-- with how often it came and when, so a rule edit can be measured against real bounces before it
-- serves. No addresses: local parts are masked in the text, only the receiving domain is kept.
-- Shared by every instance on the same database; pruned to the configured size and age.
CREATE TABLE traffic_sample (
    -- a hash of every column below up to soft_bounces: one row per distinct input
    sample_key TEXT PRIMARY KEY,
    smtp_code INTEGER,
    enhanced_status TEXT,
    -- the receiver's text with every address's local part masked (***@example.jp)
    diagnostic TEXT,
    recipient_domain TEXT,
    remote_mta TEXT,
    dsn_action TEXT,
    -- the recipient's run of soft bounces the rules were given (the fifth in a row suppresses)
    soft_bounces INTEGER NOT NULL,
    seen BIGINT NOT NULL,
    first_seen BIGINT NOT NULL,
    last_seen BIGINT NOT NULL
);
-- pruning drops the rows seen least recently
CREATE INDEX traffic_sample_by_last_seen ON traffic_sample (last_seen);
