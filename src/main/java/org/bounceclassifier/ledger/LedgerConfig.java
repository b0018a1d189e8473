package org.bounceclassifier.ledger;

import java.nio.file.Path;

/**
 * Where the ledger lives and how long it keeps events.
 *
 * @param dataDir the directory of the embedded database ({@value #EMBEDDED_FILE}), used when no JDBC URL is given
 * @param jdbcUrl a {@code jdbc:postgresql:} URL for a ledger shared by several instances, or null
 * @param user the database user for {@code jdbcUrl}, or null (then the URL or the driver's defaults decide)
 * @param password the database password for {@code jdbcUrl}, or null
 * @param retentionDays events older than this many days are purged; suppressions stay until released
 * @param addressCase whether the local parts of addresses are told apart by case ({@link AddressCase})
 * @param diagnosticRetentionDays the receiver's text kept with each event is blanked after this many
 *     days (at most {@code retentionDays}: the event itself goes then)
 */
public record LedgerConfig(Path dataDir, String jdbcUrl, String user, String password, int retentionDays,
                           AddressCase addressCase, int diagnosticRetentionDays) {
    public static final String EMBEDDED_FILE = "ledger.db";
    /** Three months of history: long enough to explain any suppression a campaign tool asks about. */
    public static final int DEFAULT_RETENTION_DAYS = 90;

    public LedgerConfig {
        if (retentionDays < 1) {
            throw new IllegalArgumentException("the retention must be at least 1 day, got " + retentionDays);
        }
        if (jdbcUrl != null && jdbcUrl.isBlank()) {
            jdbcUrl = null;
        }
        if (addressCase == null) {
            addressCase = AddressCase.INSENSITIVE;
        }
        if (diagnosticRetentionDays < 1) {
            throw new IllegalArgumentException("the diagnostic retention must be at least 1 day, got "
                    + diagnosticRetentionDays);
        }
    }

    /** Addresses without case, diagnostics kept as long as their events. */
    public LedgerConfig(Path dataDir, String jdbcUrl, String user, String password, int retentionDays) {
        this(dataDir, jdbcUrl, user, password, retentionDays, AddressCase.INSENSITIVE, retentionDays);
    }

    /** The embedded store in {@code dataDir}. */
    public static LedgerConfig embedded(Path dataDir, int retentionDays) {
        return new LedgerConfig(dataDir, null, null, null, retentionDays);
    }
}
