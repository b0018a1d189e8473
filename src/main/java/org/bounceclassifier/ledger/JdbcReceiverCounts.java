package org.bounceclassifier.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;

/**
 * {@link ReceiverCounts} in the ledger's database. Each batch is one transaction of upserts that
 * add to the stored count (the same statement on SQLite and PostgreSQL), written through the
 * ledger's writer, so on SQLite it joins the group commit and on PostgreSQL several instances add
 * to the same row without losing a count.
 */
final class JdbcReceiverCounts implements ReceiverCounts {
    private static final String ADD = "INSERT INTO receiver_traffic (hour_start, provider, category, classified)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (hour_start, provider, category)"
            + " DO UPDATE SET classified = receiver_traffic.classified + excluded.classified";
    private static final String SINCE = "SELECT hour_start, provider, category, classified FROM receiver_traffic"
            + " WHERE hour_start >= ? ORDER BY hour_start, provider, category";
    private static final String PURGE = "DELETE FROM receiver_traffic WHERE hour_start < ?";
    /**
     * Rows in a fixed order: two instances writing overlapping batches on PostgreSQL take the row
     * locks in the same order, so they wait for each other instead of deadlocking.
     */
    private static final Comparator<HourCount> LOCK_ORDER = Comparator.comparing(HourCount::hour)
            .thenComparing(HourCount::provider).thenComparing(HourCount::category);

    private final DataSource dataSource;
    private final WriteTransactions writes;

    JdbcReceiverCounts(DataSource dataSource, WriteTransactions writes) {
        this.dataSource = dataSource;
        this.writes = writes;
    }

    @Override
    public void add(List<HourCount> counts) {
        if (counts.isEmpty()) {
            return;
        }
        List<HourCount> ordered = new ArrayList<>(counts);
        ordered.sort(LOCK_ORDER);
        writes.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(ADD)) {
                for (HourCount n : ordered) {
                    ps.setLong(1, n.hour().toEpochMilli());
                    ps.setString(2, n.provider());
                    ps.setString(3, n.category());
                    ps.setLong(4, n.count());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<HourCount> since(Instant from) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(SINCE)) {
            ps.setLong(1, from.toEpochMilli());
            List<HourCount> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new HourCount(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3),
                            rs.getLong(4)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new LedgerStoreException("the ledger database failed: " + e.getMessage(), e);
        }
    }

    @Override
    public long purgeBefore(Instant cutoff) {
        return writes.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(PURGE)) {
                ps.setLong(1, cutoff.toEpochMilli());
                return (long) ps.executeUpdate();
            }
        });
    }

    @Override
    public String storage() {
        return "ledger";
    }
}
