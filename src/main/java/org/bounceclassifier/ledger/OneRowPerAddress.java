package org.bounceclassifier.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Schema version 3: one row per recipient. Versions before it kept the local part's case and the
 * domain's Unicode spelling, so {@code Taro@example.jp}, {@code taro@例え.jp} and
 * {@code taro@xn--r8jz45g.jp} could be three recipients, one suppressed and the others not. This
 * re-keys every row the way {@link EmailAddress} and {@link AddressCase} now do, and merges the rows
 * that turn out to be one recipient: every event and audit entry moves to the merged row, the row
 * keeps the strictest state (suppressed, then soft bouncing, then released, then active) with the
 * first suppression's cause, and an audit entry says which spellings were merged.
 *
 * <p>Java, not SQL: the A-label of a Unicode domain cannot be computed in SQL, and it must be the
 * very code that keys new events. It runs in Flyway's transaction: all of it, or none.
 */
final class OneRowPerAddress implements JavaMigration {
    static final String ACTOR = "ledger migration V3";
    private static final int FETCH_SIZE = 1_000;

    private final AddressCase addressCase;

    OneRowPerAddress(AddressCase addressCase) {
        this.addressCase = addressCase;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("3");
    }

    @Override
    public String getDescription() {
        return "one row per address";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    private record Row(String address, String state, int softBounces, Long suppressedAt, String category,
                       String eventId, String rules, Long releasedAt, long updatedAt) {
        int strictness() {
            return switch (state) {
                case "suppressed" -> 3;
                case "soft_bouncing" -> 2;
                case "released" -> 1;
                default -> 0;
            };
        }
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        // the rows spelled differently from their key, grouped by key (only these are read in full)
        Map<EmailAddress, List<String>> respelled = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT address FROM recipients")) {
            ps.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String address = rs.getString(1);
                    EmailAddress parsed = EmailAddress.tryParse(address);
                    if (parsed == null) {
                        continue; // not an address today either: no spelling to merge it with
                    }
                    EmailAddress key = parsed.inCase(addressCase);
                    if (!key.value().equals(address)) {
                        respelled.computeIfAbsent(key, k -> new ArrayList<>()).add(address);
                    }
                }
            }
        }
        long now = System.currentTimeMillis();
        for (Map.Entry<EmailAddress, List<String>> group : respelled.entrySet()) {
            merge(c, group.getKey(), group.getValue(), now);
        }
    }

    private void merge(Connection c, EmailAddress key, List<String> spellings, long now) throws SQLException {
        List<Row> rows = new ArrayList<>();
        Row existing = read(c, key.value());
        if (existing != null) {
            rows.add(existing);
        }
        for (String spelling : spellings) {
            rows.add(read(c, spelling));
        }
        Row merged = merged(key.value(), rows);
        for (String spelling : spellings) {
            update(c, "UPDATE events SET address = ? WHERE address = ?", key.value(), spelling);
            update(c, "UPDATE audit SET address = ? WHERE address = ?", key.value(), spelling);
            update(c, "DELETE FROM recipients WHERE address = ?", spelling);
        }
        if (existing == null) {
            update(c, "INSERT INTO recipients (address, domain, state, updated_at) VALUES (?, ?, 'active', ?)",
                    key.value(), key.domain(), now);
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE recipients SET domain = ?, state = ?, soft_bounces = ?,"
                + " suppressed_at = ?, suppressed_category = ?, suppressed_event_id = ?, suppressed_rules = ?,"
                + " released_at = ?, updated_at = ? WHERE address = ?")) {
            ps.setString(1, key.domain());
            ps.setString(2, merged.state());
            ps.setInt(3, merged.softBounces());
            setLong(ps, 4, merged.suppressedAt());
            ps.setString(5, merged.category());
            ps.setString(6, merged.eventId());
            ps.setString(7, merged.rules());
            setLong(ps, 8, merged.releasedAt());
            ps.setLong(9, merged.updatedAt());
            ps.setString(10, key.value());
            ps.executeUpdate();
        }
        List<String> all = new ArrayList<>(spellings);
        if (existing != null) {
            all.add(0, key.value());
        }
        update(c, "INSERT INTO audit (address, action, actor, reason, changed_at, category, event_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", key.value(), AuditEntry.MERGE, ACTOR,
                "one recipient for the spellings " + String.join(", ", all) + " (address case: "
                        + addressCase.id() + "); state kept: " + merged.state(),
                now, merged.category(), merged.eventId());
    }

    /**
     * The strictest state of the rows. A suppression keeps the first cause; a run of soft bounces
     * keeps the longest run (not the sum: the rules never judged the spellings' bounces as one run).
     */
    private static Row merged(String key, List<Row> rows) {
        Row strictest = rows.stream().max(Comparator.comparingInt(Row::strictness)).orElseThrow();
        Row cause = strictest;
        int run = 0;
        Long releasedAt = null;
        long updatedAt = 0;
        for (Row r : rows) {
            if (r.strictness() == 3 && r.suppressedAt() != null
                    && (cause.suppressedAt() == null || r.suppressedAt() < cause.suppressedAt())) {
                cause = r;
            }
            if (r.strictness() == 2) {
                run = Math.max(run, r.softBounces());
            }
            if (r.releasedAt() != null && (releasedAt == null || r.releasedAt() > releasedAt)) {
                releasedAt = r.releasedAt();
            }
            updatedAt = Math.max(updatedAt, r.updatedAt());
        }
        boolean suppressed = strictest.strictness() == 3;
        return new Row(key, strictest.state(), suppressed ? 0 : run, suppressed ? cause.suppressedAt() : null,
                suppressed ? cause.category() : null, suppressed ? cause.eventId() : null,
                suppressed ? cause.rules() : null, releasedAt, updatedAt);
    }

    private static Row read(Connection c, String address) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state, soft_bounces, suppressed_at, suppressed_category,"
                + " suppressed_event_id, suppressed_rules, released_at, updated_at FROM recipients WHERE address = ?")) {
            ps.setString(1, address);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Row(address, rs.getString(1), rs.getInt(2), nullableLong(rs, 3), rs.getString(4),
                        rs.getString(5), rs.getString(6), nullableLong(rs, 7), rs.getLong(8));
            }
        }
    }

    private static void update(Connection c, String sql, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] instanceof Long l) {
                    ps.setLong(i + 1, l);
                } else if (values[i] == null) {
                    ps.setNull(i + 1, Types.VARCHAR);
                } else {
                    ps.setString(i + 1, values[i].toString());
                }
            }
            ps.executeUpdate();
        }
    }

    private static void setLong(PreparedStatement ps, int i, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, value);
        }
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
