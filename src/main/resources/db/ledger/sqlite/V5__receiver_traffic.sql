-- Traffic by receiving provider (issue 18): how many classifications ended in each category, per
-- hour, per provider family (receiver-families.properties). One row per (hour, provider,
-- category); every instance adds its counts to the same row, so a shared database holds the
-- fleet's traffic. Rows older than the traffic retention (serve --traffic-retention-days) are
-- deleted. V4 is another change's number: Flyway runs with outOfOrder, so either may come first.
CREATE TABLE receiver_traffic (
    hour_start  BIGINT  NOT NULL,   -- milliseconds since 1970-01-01 UTC, a whole hour
    provider    TEXT    NOT NULL,   -- a family id: gmail, microsoft, yahoo, ..., other
    category    TEXT    NOT NULL,   -- a category id of the rules' answer
    classified  BIGINT  NOT NULL CHECK (classified >= 0),
    PRIMARY KEY (hour_start, provider, category)
);
