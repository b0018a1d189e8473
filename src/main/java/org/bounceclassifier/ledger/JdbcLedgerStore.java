package org.bounceclassifier.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ledger on a JDBC database (SQLite or PostgreSQL): plain prepared statements, the same on
 * both except for the few in {@link SqlDialect}. Writes go through {@link WriteTransactions};
 * reads take a pooled connection in auto-commit mode.
 */
final class JdbcLedgerStore implements LedgerStore {
    static final String RECIPIENT_COLUMNS = "address, domain, state, soft_bounces, suppressed_at, suppressed_category,"
            + " suppressed_event_id, suppressed_rules, released_at, updated_at";
    private static final String EVENT_COLUMNS = "event_id, address, kind, recorded_at, category, bounce_type, action,"
            + " smtp_code, enhanced_status, matched_rules, rules_version, soft_bounces_before, soft_bounces_after, effect,"
            + " message_id, occurred_at, diagnostic, dsn_action, remote_mta";

    private static final String SELECT_RECIPIENT = "SELECT " + RECIPIENT_COLUMNS + " FROM recipients WHERE address = ?";
    private static final String INSERT_FRESH_RECIPIENT = "INSERT INTO recipients (address, domain, state, soft_bounces,"
            + " updated_at) VALUES (?, ?, 'active', 0, ?) ON CONFLICT (address) DO NOTHING";
    private static final String UPDATE_RECIPIENT = "UPDATE recipients SET state = ?, soft_bounces = ?, suppressed_at = ?,"
            + " suppressed_category = ?, suppressed_event_id = ?, suppressed_rules = ?, released_at = ?, updated_at = ?"
            + " WHERE address = ?";
    private static final String SELECT_EVENT = "SELECT " + EVENT_COLUMNS + " FROM events WHERE event_id = ?";
    private static final String INSERT_EVENT = "INSERT INTO events (" + EVENT_COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING";
    /**
     * The first event that counted an attempt of this message, unless the run it counted in has
     * ended since: by an event that reset or suppressed, or by a person (release, reset, suppression).
     */
    private static final String SAME_SEND = "SELECT " + EVENT_COLUMNS + " FROM events e WHERE e.address = ?"
            + " AND e.message_id = ? AND e.effect = 'counted'"
            + " AND NOT EXISTS (SELECT 1 FROM events later WHERE later.address = e.address AND later.id > e.id"
            + "   AND later.effect IN ('reset', 'suppressed'))"
            + " AND NOT EXISTS (SELECT 1 FROM audit a WHERE a.address = e.address AND a.changed_at >= e.recorded_at"
            + "   AND a.action IN ('release', 'reset', 'suppress', 'import', 'reevaluate'))"
            + " ORDER BY e.id LIMIT 1";
    private static final String RECENT_EVENTS = "SELECT " + EVENT_COLUMNS + " FROM events WHERE address = ?"
            + " ORDER BY id DESC LIMIT ?";
    private static final String INSERT_AUDIT = "INSERT INTO audit (address, action, actor, reason, changed_at, category,"
            + " event_id) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT_AUDIT = "SELECT address, action, actor, reason, changed_at, category, event_id"
            + " FROM audit WHERE address = ? ORDER BY id DESC LIMIT ?";
    /** Each filter applies only when its parameter is not null; the cursor is (suppressed_at, address). */
    private static final String SUPPRESSION_FILTERS = " WHERE state = 'suppressed'"
            + " AND (CAST(? AS TEXT) IS NULL OR domain = ?)"
            + " AND (CAST(? AS TEXT) IS NULL OR suppressed_category = ?)"
            + " AND (CAST(? AS BIGINT) IS NULL OR suppressed_at >= ?)";
    private static final String SELECT_SUPPRESSIONS = "SELECT " + RECIPIENT_COLUMNS + " FROM recipients"
            + SUPPRESSION_FILTERS
            + " AND (CAST(? AS BIGINT) IS NULL OR suppressed_at > ? OR (suppressed_at = ? AND address > ?))"
            + " ORDER BY suppressed_at, address LIMIT ?";
    private static final String COUNT_SUPPRESSIONS = "SELECT COUNT(*) FROM recipients" + SUPPRESSION_FILTERS;
    /** Purges in slices, so no single transaction holds the database for long. */
    private static final String PURGE_EVENTS = "DELETE FROM events WHERE id IN"
            + " (SELECT id FROM events WHERE recorded_at < ? ORDER BY id LIMIT ?)";
    static final int PURGE_SLICE = 1_000;
    private static final String BLANK_DIAGNOSTICS = "UPDATE events SET diagnostic = NULL WHERE id IN"
            + " (SELECT id FROM events WHERE recorded_at < ? AND diagnostic IS NOT NULL ORDER BY id LIMIT ?)";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };

    private final SqlDialect dialect;
    private final HikariDataSource dataSource;
    private final WriteTransactions writes;
    private final String description;
    private final ReceiverCounts receiverCounts;
    private final TrafficSampleStore trafficSample;

    JdbcLedgerStore(SqlDialect dialect, HikariDataSource dataSource, WriteTransactions writes, String description) {
        this.dialect = dialect;
        this.dataSource = dataSource;
        this.writes = writes;
        this.description = description;
        this.receiverCounts = new JdbcReceiverCounts(dataSource, writes);
        this.trafficSample = new JdbcTrafficSampleStore(dataSource, writes);
    }

    @Override
    public ReceiverCounts receiverCounts() {
        return receiverCounts;
    }

    @Override
    public Recorded record(EmailAddress address, String eventId, String messageId, Instant now,
                           Transition transition) {
        return writes.write(c -> {
            Recipient current = lockRecipient(c, address, now);
            // checked under the recipient's lock: a concurrent copy of this event for the same
            // recipient has committed by now and is seen here
            Optional<LedgerEvent> earlier = event(c, eventId);
            if (earlier.isPresent()) {
                return duplicate(c, earlier.get(), current);
            }
            Change change = transition.apply(current, messageId == null ? null : sameSend(c, address, messageId));
            if (!insertEvent(c, change.event())) {
                // the same id recorded at this moment for another recipient: that one counts
                return duplicate(c, event(c, eventId).orElseThrow(), current);
            }
            updateRecipient(c, change.recipient());
            return new Recorded(false, change.recipient(), change.event());
        });
    }

    @Override
    public Optional<LedgerEvent> sameSend(EmailAddress address, String messageId) {
        return read(c -> Optional.ofNullable(sameSend(c, address, messageId)));
    }

    private static LedgerEvent sameSend(Connection c, EmailAddress address, String messageId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SAME_SEND)) {
            ps.setString(1, address.value());
            ps.setString(2, messageId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? readEvent(rs) : null;
            }
        }
    }

    private Recorded duplicate(Connection c, LedgerEvent earlier, Recipient current) throws SQLException {
        Recipient ofEarlier = earlier.address().equals(current.address().value())
                ? current
                : recipient(c, EmailAddress.parse(earlier.address())).orElse(current);
        return new Recorded(true, ofEarlier, earlier);
    }

    /** The recipient, locked for the rest of the transaction; created active when unknown. */
    private Recipient lockRecipient(Connection c, EmailAddress address, Instant now) throws SQLException {
        Optional<Recipient> existing = selectRecipient(c, dialect.selectRecipientForUpdate, address);
        if (existing.isPresent()) {
            return existing.get();
        }
        try (PreparedStatement ps = c.prepareStatement(INSERT_FRESH_RECIPIENT)) {
            ps.setString(1, address.value());
            ps.setString(2, address.domain());
            ps.setLong(3, now.toEpochMilli());
            ps.executeUpdate();
        }
        return selectRecipient(c, dialect.selectRecipientForUpdate, address).orElseThrow();
    }

    @Override
    public Optional<Released> release(EmailAddress address, ReleaseTransition transition) {
        return writes.write(c -> {
            Optional<Recipient> current = selectRecipient(c, dialect.selectRecipientForUpdate, address);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Optional<Released> released = transition.apply(current.get());
            if (released.isPresent()) {
                updateRecipient(c, released.get().recipient());
                insertAudit(c, released.get().audit());
            }
            return released;
        });
    }

    @Override
    public Optional<Changed> changeByHand(EmailAddress address, boolean createIfUnknown, Instant now,
                                          ChangeByHand change) {
        return writes.write(c -> {
            Optional<Recipient> existing = selectRecipient(c, dialect.selectRecipientForUpdate, address);
            if (existing.isEmpty() && !createIfUnknown) {
                return Optional.empty();
            }
            Recipient current = existing.orElseGet(() -> new Recipient(address, RecipientState.ACTIVE, 0, null, null,
                    now));
            Optional<Changed> changed = change.apply(current);
            if (changed.isPresent()) {
                if (existing.isEmpty()) {
                    lockRecipient(c, address, now);
                }
                updateRecipient(c, changed.get().recipient());
                insertAudit(c, changed.get().audit());
            }
            return changed;
        });
    }

    /**
     * Inserts each address suppressed, or suppresses the row that is there unless it is suppressed
     * already: the WHERE of the upsert makes a repeated row, or a repeated import, change nothing.
     * Many rows per statement (one round trip, one statement to plan), and RETURNING names the rows
     * it changed, which get the audit entries.
     */
    private static String upsertSuppressions(int rows) {
        return "INSERT INTO recipients (address, domain, state, soft_bounces, suppressed_at, suppressed_category,"
                + " suppressed_event_id, suppressed_rules, updated_at) VALUES "
                + String.join(", ", java.util.Collections.nCopies(rows, "(?, ?, 'suppressed', 0, ?, ?, NULL, '[]', ?)"))
                + " ON CONFLICT (address) DO UPDATE SET state = 'suppressed', soft_bounces = 0,"
                + " suppressed_at = excluded.suppressed_at, suppressed_category = excluded.suppressed_category,"
                + " suppressed_event_id = NULL, suppressed_rules = '[]', updated_at = excluded.updated_at"
                + " WHERE recipients.state <> 'suppressed' RETURNING address";
    }

    private static String insertAudits(int rows) {
        return "INSERT INTO audit (address, action, actor, reason, changed_at, category, event_id) VALUES "
                + String.join(", ", java.util.Collections.nCopies(rows, "(?, ?, ?, ?, ?, ?, NULL)"));
    }

    @Override
    public SuppressionImport.Result importSuppressions(Iterable<SuppressionImport.Row> rows, String actor,
                                                       Instant now) {
        return writes.write(c -> {
            long total = 0;
            long suppressed = 0;
            // one address once per statement: PostgreSQL refuses to upsert a row twice in one
            Map<String, SuppressionImport.Row> batch = new java.util.LinkedHashMap<>();
            for (SuppressionImport.Row row : rows) {
                total++;
                batch.putIfAbsent(row.address().value(), row);
                if (batch.size() == SuppressionImport.BATCH_ROWS) {
                    suppressed += importBatch(c, new ArrayList<>(batch.values()), actor, now);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                suppressed += importBatch(c, new ArrayList<>(batch.values()), actor, now);
            }
            return new SuppressionImport.Result(total, suppressed, total - suppressed);
        });
    }

    private static long importBatch(Connection c, List<SuppressionImport.Row> batch, String actor, Instant now)
            throws SQLException {
        Map<String, SuppressionImport.Row> changed = new java.util.LinkedHashMap<>();
        try (PreparedStatement upsert = c.prepareStatement(upsertSuppressions(batch.size()))) {
            int i = 1;
            for (SuppressionImport.Row row : batch) {
                upsert.setString(i++, row.address().value());
                upsert.setString(i++, row.address().domain());
                upsert.setLong(i++, (row.suppressedAt() == null ? now : row.suppressedAt()).toEpochMilli());
                upsert.setString(i++, row.category() == null ? SuppressionImport.IMPORTED : row.category());
                upsert.setLong(i++, now.toEpochMilli());
            }
            Map<String, SuppressionImport.Row> byAddress = new HashMap<>();
            batch.forEach(r -> byAddress.put(r.address().value(), r));
            try (ResultSet rs = upsert.executeQuery()) {
                while (rs.next()) {
                    String address = rs.getString(1);
                    changed.put(address, byAddress.get(address));
                }
            }
        }
        if (changed.isEmpty()) {
            return 0;
        }
        try (PreparedStatement audit = c.prepareStatement(insertAudits(changed.size()))) {
            int i = 1;
            for (SuppressionImport.Row row : changed.values()) {
                audit.setString(i++, row.address().value());
                audit.setString(i++, AuditEntry.IMPORT);
                audit.setString(i++, actor);
                audit.setString(i++, row.reason());
                audit.setLong(i++, now.toEpochMilli());
                audit.setString(i++, row.category() == null ? SuppressionImport.IMPORTED : row.category());
            }
            audit.executeUpdate();
        }
        return changed.size();
    }

    @Override
    public Optional<Recipient> recipient(EmailAddress address) {
        return read(c -> recipient(c, address));
    }

    private Optional<Recipient> recipient(Connection c, EmailAddress address) throws SQLException {
        return selectRecipient(c, SELECT_RECIPIENT, address);
    }

    @Override
    public List<LedgerEvent> recentEvents(EmailAddress address, int limit) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(RECENT_EVENTS)) {
                ps.setString(1, address.value());
                ps.setInt(2, limit);
                List<LedgerEvent> events = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        events.add(readEvent(rs));
                    }
                }
                return events;
            }
        });
    }

    @Override
    public List<AuditEntry> audit(EmailAddress address, int limit) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement(SELECT_AUDIT)) {
                ps.setString(1, address.value());
                ps.setInt(2, limit);
                List<AuditEntry> entries = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new AuditEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6), rs.getString(7)));
                    }
                }
                return entries;
            }
        });
    }

    @Override
    public SuppressionPage suppressions(SuppressionQuery q) {
        return read(c -> {
            List<Recipient> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SELECT_SUPPRESSIONS)) {
                int i = bindFilters(ps, q);
                Long afterAt = q.after() == null ? null : q.after().suppressedAt().toEpochMilli();
                String afterAddress = q.after() == null ? null : q.after().address();
                bindLong(ps, i++, afterAt);
                bindLong(ps, i++, afterAt);
                bindLong(ps, i++, afterAt);
                bindString(ps, i++, afterAddress);
                // one more than asked tells whether there is a next page
                ps.setInt(i, q.limit() + 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(readRecipient(rs));
                    }
                }
            }
            long total;
            try (PreparedStatement ps = c.prepareStatement(COUNT_SUPPRESSIONS)) {
                bindFilters(ps, q);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            SuppressionQuery.Position next = null;
            if (items.size() > q.limit()) {
                items.remove(items.size() - 1);
                Recipient last = items.get(items.size() - 1);
                next = new SuppressionQuery.Position(last.suppression().at(), last.address().value());
            }
            return new SuppressionPage(List.copyOf(items), total, next);
        });
    }

    /** Binds domain, category and since (each twice: the null test and the comparison); returns the next index. */
    private static int bindFilters(PreparedStatement ps, SuppressionQuery q) throws SQLException {
        int i = 1;
        bindString(ps, i++, q.domain());
        bindString(ps, i++, q.domain());
        bindString(ps, i++, q.category());
        bindString(ps, i++, q.category());
        Long since = q.since() == null ? null : q.since().toEpochMilli();
        bindLong(ps, i++, since);
        bindLong(ps, i++, since);
        return i;
    }

    @Override
    public Map<String, Recipient> suppressedAmong(Collection<EmailAddress> addresses) {
        List<String> values = new ArrayList<>(new LinkedHashSet<>(addresses.stream().map(EmailAddress::value).toList()));
        if (values.isEmpty()) {
            return Map.of();
        }
        return read(c -> {
            Map<String, Recipient> found = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(dialect.selectSuppressedAmong)) {
                dialect.bindAddressList(c, ps, 1, values);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Recipient r = readRecipient(rs);
                        found.put(r.address().value(), r);
                    }
                }
            }
            return found;
        });
    }

    @Override
    public long purgeEventsBefore(Instant cutoff) {
        long total = 0;
        while (true) {
            int deleted = writes.write(c -> {
                try (PreparedStatement ps = c.prepareStatement(PURGE_EVENTS)) {
                    ps.setLong(1, cutoff.toEpochMilli());
                    ps.setInt(2, PURGE_SLICE);
                    return ps.executeUpdate();
                }
            });
            total += deleted;
            if (deleted < PURGE_SLICE) {
                return total;
            }
        }
    }

    @Override
    public long blankDiagnosticsBefore(Instant cutoff) {
        long total = 0;
        while (true) {
            int blanked = writes.write(c -> {
                try (PreparedStatement ps = c.prepareStatement(BLANK_DIAGNOSTICS)) {
                    ps.setLong(1, cutoff.toEpochMilli());
                    ps.setInt(2, PURGE_SLICE);
                    return ps.executeUpdate();
                }
            });
            total += blanked;
            if (blanked < PURGE_SLICE) {
                return total;
            }
        }
    }

    private static final String PAGE_OF_RECIPIENTS = "SELECT " + RECIPIENT_COLUMNS + " FROM recipients"
            + " WHERE address > ? ORDER BY address LIMIT ?";
    private static final String EVENTS_OF_RANGE = "SELECT " + EVENT_COLUMNS + " FROM events"
            + " WHERE address >= ? AND address <= ? ORDER BY address, id";
    private static final String AUDIT_OF_RANGE = "SELECT address, action, actor, reason, changed_at, category, event_id"
            + " FROM audit WHERE address >= ? AND address <= ? ORDER BY address, id";
    /** The recipients with the most recent events since a time, newest first. */
    private static final String RECENT_RECIPIENTS = "SELECT address FROM events WHERE recorded_at >= ?"
            + " GROUP BY address ORDER BY MAX(id) DESC LIMIT ?";
    private static final String EVENTS_OF_ADDRESS = "SELECT " + EVENT_COLUMNS + " FROM events WHERE address = ?"
            + " ORDER BY id";
    private static final String AUDIT_OF_ADDRESS = "SELECT address, action, actor, reason, changed_at, category,"
            + " event_id FROM audit WHERE address = ? ORDER BY id";
    private static final String REWRITE_EVENT = "UPDATE events SET category = ?, bounce_type = ?, action = ?,"
            + " matched_rules = ?, rules_version = ?, soft_bounces_before = ?, soft_bounces_after = ?, effect = ?"
            + " WHERE event_id = ?";

    @Override
    public void reevaluate(int pageSize, boolean apply, ReevaluationPage work) {
        String after = "";
        while (after != null) {
            String from = after;
            SqlWork<String> page = c -> reevaluatePage(c, from, pageSize, apply, work);
            after = apply ? writes.write(page) : read(page);
        }
    }

    @Override
    public void replayRecent(Instant since, int maxRecipients, ReevaluationPage work) {
        List<Reevaluation.History> histories = read(c -> {
            List<String> addresses = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(RECENT_RECIPIENTS)) {
                ps.setLong(1, since.toEpochMilli());
                ps.setInt(2, maxRecipients);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        addresses.add(rs.getString(1));
                    }
                }
            }
            List<Reevaluation.History> out = new ArrayList<>();
            for (String address : addresses) {
                Optional<Recipient> r = selectRecipient(c, SELECT_RECIPIENT, EmailAddress.parse(address));
                if (r.isEmpty()) {
                    continue;
                }
                List<LedgerEvent> events = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(EVENTS_OF_ADDRESS)) {
                    ps.setString(1, address);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            events.add(readEvent(rs));
                        }
                    }
                }
                List<AuditEntry> audit = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(AUDIT_OF_ADDRESS)) {
                    ps.setString(1, address);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            audit.add(new AuditEntry(rs.getString(1), rs.getString(2), rs.getString(3),
                                    rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6),
                                    rs.getString(7)));
                        }
                    }
                }
                if (!events.isEmpty()) {
                    out.add(new Reevaluation.History(r.get(), events, audit));
                }
            }
            return out;
        });
        work.apply(histories);
    }

    @Override
    public TrafficSampleStore trafficSample() {
        return trafficSample;
    }

    /** @return the last address of the page, or null when there was none */
    private String reevaluatePage(Connection c, String after, int pageSize, boolean apply, ReevaluationPage work)
            throws SQLException {
        Map<String, Recipient> recipients = new java.util.LinkedHashMap<>();
        String sql = PAGE_OF_RECIPIENTS + (apply && dialect == SqlDialect.POSTGRESQL ? " FOR UPDATE" : "");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, after);
            ps.setInt(2, pageSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Recipient r = readRecipient(rs);
                    recipients.put(r.address().value(), r);
                }
            }
        }
        if (recipients.isEmpty()) {
            return null;
        }
        String first = recipients.keySet().iterator().next();
        String last = new ArrayList<>(recipients.keySet()).get(recipients.size() - 1);
        Map<String, List<LedgerEvent>> events = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(EVENTS_OF_RANGE)) {
            ps.setString(1, first);
            ps.setString(2, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LedgerEvent e = readEvent(rs);
                    events.computeIfAbsent(e.address(), a -> new ArrayList<>()).add(e);
                }
            }
        }
        Map<String, List<AuditEntry>> audit = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(AUDIT_OF_RANGE)) {
            ps.setString(1, first);
            ps.setString(2, last);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    AuditEntry a = new AuditEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6), rs.getString(7));
                    audit.computeIfAbsent(a.address(), x -> new ArrayList<>()).add(a);
                }
            }
        }
        List<Reevaluation.History> histories = new ArrayList<>();
        recipients.forEach((address, r) -> {
            List<LedgerEvent> own = events.get(address);
            if (own != null) {
                histories.add(new Reevaluation.History(r, own, audit.getOrDefault(address, List.of())));
            }
        });
        List<Reevaluation.Rewrite> rewrites = work.apply(histories);
        if (apply) {
            try (PreparedStatement ps = c.prepareStatement(REWRITE_EVENT)) {
                int batched = 0;
                for (Reevaluation.Rewrite w : rewrites) {
                    updateRecipient(c, w.recipient());
                    if (w.audit() != null) {
                        insertAudit(c, w.audit());
                    }
                    for (LedgerEvent e : w.events()) {
                        bindString(ps, 1, e.category());
                        bindString(ps, 2, e.bounceType());
                        bindString(ps, 3, e.action());
                        bindString(ps, 4, e.matchedRules() == null ? null : json(e.matchedRules()));
                        bindString(ps, 5, e.rulesVersion());
                        ps.setInt(6, e.softBouncesBefore());
                        ps.setInt(7, e.softBouncesAfter());
                        ps.setString(8, e.effect().id());
                        ps.setString(9, e.eventId());
                        ps.addBatch();
                        batched++;
                    }
                }
                if (batched > 0) {
                    ps.executeBatch();
                }
            }
        }
        return last;
    }

    @Override
    public void ping() {
        read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1"); ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        writes.close();
        dataSource.close();
    }

    // ----------------------------------------------------------------------------------------
    // rows

    private <T> T read(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new LedgerStoreException("the ledger database failed: " + e.getMessage(), e);
        }
    }

    private static Optional<Recipient> selectRecipient(Connection c, String sql, EmailAddress address)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, address.value());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(readRecipient(rs)) : Optional.empty();
            }
        }
    }

    private static Recipient readRecipient(ResultSet rs) throws SQLException {
        EmailAddress address = new EmailAddress(rs.getString(1), rs.getString(2));
        RecipientState state = RecipientState.fromId(rs.getString(3));
        Long suppressedAt = nullableLong(rs, 5);
        Recipient.Suppression suppression = suppressedAt == null ? null : new Recipient.Suppression(
                rs.getString(6), rs.getString(7), Instant.ofEpochMilli(suppressedAt), names(rs.getString(8)));
        Long releasedAt = nullableLong(rs, 9);
        return new Recipient(address, state, rs.getInt(4), suppression,
                releasedAt == null ? null : Instant.ofEpochMilli(releasedAt), Instant.ofEpochMilli(rs.getLong(10)));
    }

    private static void updateRecipient(Connection c, Recipient r) throws SQLException {
        Recipient.Suppression s = r.suppression();
        try (PreparedStatement ps = c.prepareStatement(UPDATE_RECIPIENT)) {
            ps.setString(1, r.state().id());
            ps.setInt(2, r.consecutiveSoftBounces());
            bindLong(ps, 3, s == null ? null : s.at().toEpochMilli());
            bindString(ps, 4, s == null ? null : s.category());
            bindString(ps, 5, s == null ? null : s.eventId());
            bindString(ps, 6, s == null ? null : json(s.matchedRules()));
            bindLong(ps, 7, r.releasedAt() == null ? null : r.releasedAt().toEpochMilli());
            ps.setLong(8, r.updatedAt().toEpochMilli());
            ps.setString(9, r.address().value());
            if (ps.executeUpdate() != 1) {
                throw new SQLException("recipient " + r.address() + " vanished inside its own transaction");
            }
        }
    }

    private static Optional<LedgerEvent> event(Connection c, String eventId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT_EVENT)) {
            ps.setString(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(readEvent(rs)) : Optional.empty();
            }
        }
    }

    /** @return false when an event with the same id is already there */
    private static boolean insertEvent(Connection c, LedgerEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_EVENT)) {
            ps.setString(1, e.eventId());
            ps.setString(2, e.address());
            ps.setString(3, e.kind().id());
            ps.setLong(4, e.recordedAt().toEpochMilli());
            bindString(ps, 5, e.category());
            bindString(ps, 6, e.bounceType());
            bindString(ps, 7, e.action());
            if (e.smtpCode() == null) {
                ps.setNull(8, Types.INTEGER);
            } else {
                ps.setInt(8, e.smtpCode());
            }
            bindString(ps, 9, e.enhancedStatus());
            bindString(ps, 10, e.matchedRules() == null ? null : json(e.matchedRules()));
            bindString(ps, 11, e.rulesVersion());
            ps.setInt(12, e.softBouncesBefore());
            ps.setInt(13, e.softBouncesAfter());
            ps.setString(14, e.effect().id());
            LedgerEvent.Report r = e.report() == null ? LedgerEvent.Report.NONE : e.report();
            bindString(ps, 15, r.messageId());
            bindLong(ps, 16, r.occurredAt() == null ? null : r.occurredAt().toEpochMilli());
            bindString(ps, 17, r.diagnostic());
            bindString(ps, 18, r.dsnAction());
            bindString(ps, 19, r.remoteMta());
            return ps.executeUpdate() == 1;
        }
    }

    static LedgerEvent readEvent(ResultSet rs) throws SQLException {
        int smtp = rs.getInt(8);
        Integer smtpCode = rs.wasNull() ? null : smtp;
        String rules = rs.getString(10);
        Long occurredAt = nullableLong(rs, 16);
        LedgerEvent.Report report = new LedgerEvent.Report(rs.getString(15),
                occurredAt == null ? null : Instant.ofEpochMilli(occurredAt), rs.getString(17), rs.getString(18),
                rs.getString(19));
        return new LedgerEvent(rs.getString(1), rs.getString(2), LedgerEvent.Kind.fromId(rs.getString(3)),
                Instant.ofEpochMilli(rs.getLong(4)), rs.getString(5), rs.getString(6), rs.getString(7), smtpCode,
                rs.getString(9), rules == null ? null : names(rules), rs.getString(11), rs.getInt(12), rs.getInt(13),
                Effect.fromId(rs.getString(14)), report);
    }

    private static void insertAudit(Connection c, AuditEntry a) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT_AUDIT)) {
            ps.setString(1, a.address());
            ps.setString(2, a.action());
            ps.setString(3, a.actor());
            ps.setString(4, a.reason());
            ps.setLong(5, a.at().toEpochMilli());
            bindString(ps, 6, a.category());
            bindString(ps, 7, a.eventId());
            ps.executeUpdate();
        }
    }

    private static void bindString(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    private static void bindLong(PreparedStatement ps, int index, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.BIGINT);
        } else {
            ps.setLong(index, value);
        }
    }

    private static Long nullableLong(ResultSet rs, int index) throws SQLException {
        long v = rs.getLong(index);
        return rs.wasNull() ? null : v;
    }

    static String json(List<String> names) {
        try {
            return JSON.writeValueAsString(names);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always JSON", e);
        }
    }

    private static List<String> names(String json) throws SQLException {
        if (json == null) {
            return List.of();
        }
        try {
            return List.copyOf(JSON.readValue(json, STRING_LIST));
        } catch (JsonProcessingException e) {
            throw new SQLException("a stored list of rule names is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
