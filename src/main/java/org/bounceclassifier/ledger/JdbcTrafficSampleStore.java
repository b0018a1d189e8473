package org.bounceclassifier.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The traffic sample in the ledger's database (table {@code traffic_sample}, migration V4). Writes
 * go through the ledger's writer (on SQLite the one writer thread, so a sample write is one more
 * unit of a group commit); the same SQL serves SQLite and PostgreSQL.
 */
final class JdbcTrafficSampleStore implements TrafficSampleStore {
    private static final String COLUMNS = "smtp_code, enhanced_status, diagnostic, recipient_domain, remote_mta,"
            + " dsn_action, soft_bounces, seen, first_seen, last_seen";
    /** Adds to the row of the same input, or starts one; portable between SQLite and PostgreSQL. */
    private static final String UPSERT = "INSERT INTO traffic_sample (sample_key, " + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sample_key) DO UPDATE SET"
            + " seen = traffic_sample.seen + excluded.seen,"
            + " last_seen = CASE WHEN excluded.last_seen > traffic_sample.last_seen THEN excluded.last_seen"
            + " ELSE traffic_sample.last_seen END";
    private static final String EXPIRE = "DELETE FROM traffic_sample WHERE last_seen < ?";
    private static final String COUNT = "SELECT COUNT(*) FROM traffic_sample";
    /** The rows seen less recently than the newest {@code maxEntries}. */
    private static final String TRIM = "DELETE FROM traffic_sample WHERE last_seen <"
            + " (SELECT last_seen FROM traffic_sample ORDER BY last_seen DESC LIMIT 1 OFFSET ?)";
    private static final String READ = "SELECT " + COLUMNS + " FROM traffic_sample WHERE last_seen >= ?"
            + " ORDER BY last_seen DESC, sample_key LIMIT ?";

    private final DataSource dataSource;
    private final WriteTransactions writes;

    JdbcTrafficSampleStore(DataSource dataSource, WriteTransactions writes) {
        this.dataSource = dataSource;
        this.writes = writes;
    }

    @Override
    public void add(List<TrafficSampleEntry> counted, int maxEntries, Instant expireBefore) {
        writes.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                for (TrafficSampleEntry e : counted) {
                    ps.setString(1, e.key());
                    if (e.smtpCode() == null) {
                        ps.setNull(2, Types.INTEGER);
                    } else {
                        ps.setInt(2, e.smtpCode());
                    }
                    ps.setString(3, e.enhancedStatus());
                    ps.setString(4, e.diagnostic());
                    ps.setString(5, e.recipientDomain());
                    ps.setString(6, e.remoteMta());
                    ps.setString(7, e.dsnAction());
                    ps.setInt(8, e.softBounces());
                    ps.setLong(9, e.count());
                    ps.setLong(10, e.firstSeen().toEpochMilli());
                    ps.setLong(11, e.lastSeen().toEpochMilli());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(EXPIRE)) {
                ps.setLong(1, expireBefore.toEpochMilli());
                ps.executeUpdate();
            }
            if (count(c) > maxEntries) {
                try (PreparedStatement ps = c.prepareStatement(TRIM)) {
                    ps.setInt(1, maxEntries - 1);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    private static long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(COUNT); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public List<TrafficSampleEntry> read(int max, Instant since) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(READ)) {
            ps.setLong(1, since.toEpochMilli());
            ps.setInt(2, max);
            List<TrafficSampleEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int code = rs.getInt(1);
                    Integer smtpCode = rs.wasNull() ? null : code;
                    out.add(new TrafficSampleEntry(smtpCode, rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getInt(7), rs.getLong(8),
                            Instant.ofEpochMilli(rs.getLong(9)), Instant.ofEpochMilli(rs.getLong(10))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new LedgerStoreException("the ledger database failed: " + e.getMessage(), e);
        }
    }
}
