-- The recipient ledger (PostgreSQL). Times are milliseconds since 1970-01-01 UTC, as in the
-- SQLite schema, so the two stores read and write the same values with the same statements.

-- One row per recipient: its state, the current run of soft bounces in a row, and what
-- suppressed it (kept here, not only in events, so a suppression outlives event retention).
CREATE TABLE recipients (
    address             TEXT    NOT NULL PRIMARY KEY,  -- local part as written, domain in lower case
    domain              TEXT    NOT NULL,
    state               TEXT    NOT NULL CHECK (state IN ('active', 'soft_bouncing', 'suppressed', 'released')),
    soft_bounces        INTEGER NOT NULL DEFAULT 0 CHECK (soft_bounces >= 0),
    suppressed_at       BIGINT,
    suppressed_category TEXT,
    suppressed_event_id TEXT,
    suppressed_rules    TEXT,                          -- JSON array of rule names
    released_at         BIGINT,
    updated_at          BIGINT  NOT NULL
);
-- the suppression list, its domain filter, and the pre-send check all read only suppressed rows
CREATE INDEX recipients_suppressed ON recipients (suppressed_at, address) WHERE state = 'suppressed';
CREATE INDEX recipients_suppressed_by_domain ON recipients (domain, suppressed_at) WHERE state = 'suppressed';

-- Every recorded bounce and delivery; purged after the retention period.
CREATE TABLE events (
    id                  BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id            TEXT    NOT NULL UNIQUE,       -- the caller's id: recording it twice counts once
    address             TEXT    NOT NULL,
    kind                TEXT    NOT NULL CHECK (kind IN ('bounce', 'delivery')),
    recorded_at         BIGINT  NOT NULL,
    category            TEXT,
    bounce_type         TEXT,
    action              TEXT,
    smtp_code           INTEGER,
    enhanced_status     TEXT,
    matched_rules       TEXT,                          -- JSON array of rule names
    rules_version       TEXT,
    soft_bounces_before INTEGER NOT NULL,
    soft_bounces_after  INTEGER NOT NULL,
    effect              TEXT    NOT NULL CHECK (effect IN ('suppressed', 'counted', 'reset', 'unchanged'))
);
CREATE INDEX events_by_address ON events (address, id);
CREATE INDEX events_by_time ON events (recorded_at);

-- What people changed (releases), with who and why; never purged.
CREATE TABLE audit (
    id                  BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    address             TEXT    NOT NULL,
    action              TEXT    NOT NULL,
    actor               TEXT    NOT NULL,
    reason              TEXT    NOT NULL,
    changed_at          BIGINT  NOT NULL,
    category            TEXT,
    event_id            TEXT
);
CREATE INDEX audit_by_address ON audit (address, id);
