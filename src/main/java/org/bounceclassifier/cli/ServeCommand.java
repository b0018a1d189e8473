package org.bounceclassifier.cli;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bounceclassifier.api.RulesJson;
import org.bounceclassifier.engine.EngineLimits;
import org.bounceclassifier.http.HttpApi;
import org.bounceclassifier.http.HttpConfig;
import org.bounceclassifier.imap.MailboxConfig;
import org.bounceclassifier.imap.MailboxPoller;
import org.bounceclassifier.intake.BounceIntake;
import org.bounceclassifier.intake.IntakeMetrics;
import org.bounceclassifier.ledger.AddressCase;
import org.bounceclassifier.ledger.Ledger;
import org.bounceclassifier.ledger.LedgerConfig;
import org.bounceclassifier.ledger.LedgerStoreException;
import org.bounceclassifier.mail.MailParser;
import org.bounceclassifier.service.CurrentRules;
import org.bounceclassifier.service.GateVerdicts;
import org.bounceclassifier.service.ImpactCheck;
import org.bounceclassifier.service.LoadAttempt;
import org.bounceclassifier.service.RulesWatcher;
import org.bounceclassifier.service.ReceiverFamilies;
import org.bounceclassifier.service.ReceiverTraffic;
import org.bounceclassifier.service.ServiceMetrics;
import org.bounceclassifier.smtp.ReturnPathServer;
import org.bounceclassifier.smtp.SmtpConfig;
import org.bounceclassifier.smtp.VerpFormat;
import org.bounceclassifier.webhooks.HttpSnsClient;
import org.bounceclassifier.webhooks.WebhookPlatforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the HTTP service until it is stopped (Ctrl-C or SIGTERM finish requests in flight first). */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Runs the HTTP service.")
class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger("bounce-classifier");
    static final int EXIT_RULES_REJECTED = 2;
    static final int EXIT_CANNOT_LISTEN = 3;
    static final int EXIT_LEDGER_UNAVAILABLE = 4;
    static final int EXIT_INPUT_FAILED = 5;
    /** How often traffic by receiver is written to the ledger: one small transaction, whatever the traffic. */
    static final Duration RECEIVER_FLUSH_INTERVAL = Duration.ofSeconds(5);
    /** How long shutdown waits for requests in flight. */
    private static final long SHUTDOWN_GRACE_SECONDS = 10;
    /** How long closing the server's resources may take after the grace period. */
    private static final long CLOSE_SECONDS = 5;

    @Mixin
    RulesOptions options;

    @Mixin
    SmtpOptions smtp;

    @Mixin
    ImapOptions imap;

    @Option(names = "--host", defaultValue = "${env:BOUNCE_HOST:-127.0.0.1}",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; env BOUNCE_HOST).")
    String host;

    @Option(names = "--port", defaultValue = "${env:BOUNCE_PORT:-8080}",
            description = "Port to listen on (default: ${DEFAULT-VALUE}; env BOUNCE_PORT).")
    int port;

    @Option(names = "--lang", defaultValue = "${env:BOUNCE_DEFAULT_LANG:-ja}",
            description = "Language of texts when a request names none: ja or en (default: ${DEFAULT-VALUE}).")
    String defaultLang;

    @Option(names = "--max-body-bytes", defaultValue = "${env:BOUNCE_MAX_BODY_BYTES:-1048576}",
            description = "Largest request body accepted, in bytes (default: ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(names = "--max-diagnostic-chars", defaultValue = "${env:BOUNCE_MAX_DIAGNOSTIC_CHARS:-16384}",
            description = "How much of a diagnostic text the rules see; the rest is ignored (default: ${DEFAULT-VALUE}).")
    int maxDiagnosticChars;

    @Option(names = "--max-batch-items", defaultValue = "${env:BOUNCE_MAX_BATCH_ITEMS:-10000}",
            description = "Most items in one JSON array sent to /v1/classify/batch; NDJSON has no limit "
                    + "(default: ${DEFAULT-VALUE}).")
    int maxBatchItems;

    @Option(names = "--data-dir", defaultValue = "${env:BOUNCE_DATA_DIR:-./data}",
            description = "Directory of the embedded recipient ledger (default: ${DEFAULT-VALUE}; env BOUNCE_DATA_DIR).")
    Path dataDir;

    @Option(names = "--db-url", defaultValue = "${env:BOUNCE_DB_URL}",
            description = "A jdbc:postgresql: URL: keep the ledger in PostgreSQL, shared by every instance that names it"
                    + " (env BOUNCE_DB_URL; user and password from BOUNCE_DB_USER, BOUNCE_DB_PASSWORD).")
    String dbUrl;

    @Option(names = "--retention-days", defaultValue = "${env:BOUNCE_RETENTION_DAYS:-90}",
            description = "Purge ledger events older than this many days; suppressions stay until released"
                    + " (default: ${DEFAULT-VALUE}).")
    int retentionDays;

    @Option(names = "--log-format", defaultValue = "${env:BOUNCE_LOG_FORMAT:-text}", paramLabel = "text|json",
            description = "text: one line per event; json: one JSON object a line (time, level, logger, message, "
                    + "and the access log's fields) for log shippers (default: ${DEFAULT-VALUE}; env BOUNCE_LOG_FORMAT).")
    String logFormat;

    @Option(names = "--access-log", defaultValue = "${env:BOUNCE_ACCESS_LOG:-false}",
            description = "Log one line per HTTP request: method, route, status, duration (never bodies or addresses).")
    boolean accessLog;

    @Option(names = "--address-case", defaultValue = "${env:BOUNCE_ADDRESS_CASE:-insensitive}",
            description = "insensitive: Taro@example.jp and taro@example.jp are one recipient, as every sending"
                    + " platform treats them; exact: local parts are told apart by case, as RFC 5321 allows"
                    + " (default: ${DEFAULT-VALUE}). Choose before the ledger holds data: rows are keyed once.")
    String addressCase;

    @Option(names = "--diagnostic-retention-days", defaultValue = "${env:BOUNCE_DIAGNOSTIC_RETENTION_DAYS:-90}",
            description = "Blank the receiver's text kept with each event after this many days; the event itself"
                    + " stays until --retention-days (default: ${DEFAULT-VALUE}).")
    int diagnosticRetentionDays;

    @Option(names = "--receiver-families", defaultValue = "${env:BOUNCE_RECEIVER_FAMILIES}", paramLabel = "FILE",
            description = "The receiving providers grouped by family for the traffic screen, and its spike rule: a"
                    + " properties file like the bundled receiver-families.properties (default: the bundled one;"
                    + " env BOUNCE_RECEIVER_FAMILIES).")
    Path receiverFamilies;

    @Option(names = "--traffic-retention-days", defaultValue = "${env:BOUNCE_TRAFFIC_RETENTION_DAYS:-31}",
            description = "Keep the hourly traffic by receiver this many days (default: ${DEFAULT-VALUE}; env"
                    + " BOUNCE_TRAFFIC_RETENTION_DAYS).")
    int trafficRetentionDays;
    @Option(names = "--traffic-sample-size", defaultValue = "${env:BOUNCE_TRAFFIC_SAMPLE_SIZE:-2000}",
            description = "Distinct recent inputs kept in the traffic sample a rule reload is measured on (issue 18;"
                    + " in the ledger's database) (default: ${DEFAULT-VALUE}).")
    int trafficSampleSize;

    @Option(names = "--traffic-sample-days", defaultValue = "${env:BOUNCE_TRAFFIC_SAMPLE_DAYS:-7}",
            description = "Keep an input in the traffic sample this many days after it was last seen; a reload also"
                    + " re-evaluates the ledger's recipients with events in this window (default: ${DEFAULT-VALUE}).")
    int trafficSampleDays;

    @Option(names = "--max-impact", paramLabel = "PERCENT", defaultValue = "${env:BOUNCE_MAX_IMPACT}",
            description = "Refuse a rule reload that would change more than this percentage of the traffic sample's"
                    + " answers (category, bounce type or action); default: no limit, the impact is reported only.")
    Double maxImpact;

    @Option(names = "--no-rules-gate",
            description = "Serve rules even if cases in --rules-tests fail (compile errors still stop them).")
    boolean noGate;

    @Option(names = "--no-watch",
            description = "Do not reload when files change (POST /v1/rules/reload still does).")
    boolean noWatch;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            err.println("error: --log-format must be text or json, not " + logFormat);
            err.flush();
            return EXIT_INPUT_FAILED;
        }
        if (logFormat.equals("json")) {
            LogSetup.json();
            err = LogSetup.linesAsErrors();
        }
        if (accessLog) {
            LogSetup.accessLog();
        }
        ServiceMetrics metrics = new ServiceMetrics();
        if (maxDiagnosticChars < 1) {
            err.println("error: --max-diagnostic-chars must be at least 1");
            err.flush();
            return EXIT_RULES_REJECTED;
        }
        if (maxBatchItems < 1) {
            err.println("error: --max-batch-items must be at least 1");
            err.flush();
            return EXIT_RULES_REJECTED;
        }
        if (port < 0 || port > 65_535) {
            err.println("error: --port must be between 0 and 65535 (0: any free port), not " + port);
            err.flush();
            return EXIT_CANNOT_LISTEN;
        }
        if (!Files.isRegularFile(options.rules.resolve("messages").resolve(defaultLang + ".yaml"))) {
            // the texts of a language live in rules/messages/<lang>.yaml: say so before compiling
            err.println("error: --lang " + defaultLang + " has no texts: there is no "
                    + options.rules.resolve("messages").resolve(defaultLang + ".yaml"));
            err.flush();
            return EXIT_RULES_REJECTED;
        }
        if (trafficRetentionDays < 1) {
            err.println("error: --traffic-retention-days must be at least 1, not " + trafficRetentionDays);
            err.flush();
            return EXIT_INPUT_FAILED;
        }
        ReceiverFamilies families;
        try {
            families = receiverFamilies == null ? ReceiverFamilies.bundled() : ReceiverFamilies.load(receiverFamilies);
        } catch (IllegalArgumentException e) {
            err.println("error: --receiver-families: " + e.getMessage());
            err.flush();
            return EXIT_INPUT_FAILED;
        }
        String wrongImpactOption = checkImpactOptions();
        if (wrongImpactOption != null) {
            err.println("error: " + wrongImpactOption);
            err.flush();
            return EXIT_INPUT_FAILED;
        }
        metrics.sample().limits(trafficSampleSize, trafficSampleDays);
        String wrongOption = checkAlongsideOptions();
        if (wrongOption != null) {
            // before the rules compile: a typo is answered at once, not after seconds
            err.println("error: " + wrongOption);
            err.flush();
            return EXIT_INPUT_FAILED;
        }
        SmtpConfig smtpConfig = null;
        if (smtp.enabled()) {
            try {
                smtpConfig = smtp.config(System.getenv("BOUNCE_SMTP_TLS_KEYSTORE_PASSWORD"));
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                err.flush();
                return EXIT_RULES_REJECTED;
            }
        }
        MailboxConfig mailboxConfig = null;
        if (imap.enabled()) {
            try {
                mailboxConfig = imap.config(System.getenv("BOUNCE_IMAP_PASSWORD"), smtp.maxMessageBytes,
                        VerpFormat.parse(smtp.verpFormat));
            } catch (IllegalArgumentException e) {
                err.println("error: " + e.getMessage());
                err.flush();
                return EXIT_RULES_REJECTED;
            }
        }
        WebhookPlatforms webhooks;
        try {
            webhooks = WebhookPlatforms.fromEnvironment(System.getenv(), new HttpSnsClient());
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.flush();
            return EXIT_RULES_REJECTED;
        }
        LedgerConfig ledgerConfig;
        try {
            ledgerConfig = new LedgerConfig(dataDir, dbUrl, System.getenv("BOUNCE_DB_USER"),
                    System.getenv("BOUNCE_DB_PASSWORD"), retentionDays, AddressCase.fromId(addressCase),
                    Math.min(diagnosticRetentionDays, retentionDays));
        } catch (IllegalArgumentException e) {
            err.println("error: the recipient ledger cannot open: " + e.getMessage());
            err.flush();
            return EXIT_LEDGER_UNAVAILABLE;
        }
        CurrentRules rules = new CurrentRules(options.rules, options.rulesTests, !noGate,
                new EngineLimits(maxDiagnosticChars));
        // a restart with the same rules, cases and jar reuses the gate's passed verdict (issue 20)
        rules.keepGateVerdictsIn(new GateVerdicts(dataDir.resolve(GateVerdicts.DIR), BuildInfo.jarIdentity()));
        rules.onAttempt(metrics::reloaded);
        rules.onAttempt(attempt -> {
            if (attempt.ok()) {
                LOG.info(attempt.summary());
            } else {
                LOG.warn(attempt.summary());
            }
        });
        // A restart opens its embedded ledger on another thread while the rules compile on this one
        // (about 0.4 s sooner to the first answer, issue 20). A first start opens it after the
        // rules pass, so rules that cannot serve leave no new database behind.
        boolean existingLedger = dbUrl == null && Files.isRegularFile(dataDir.resolve(LedgerConfig.EMBEDDED_FILE));
        CompletableFuture<Ledger> opening = existingLedger
                ? CompletableFuture.supplyAsync(() -> Ledger.open(ledgerConfig)) : null;
        LoadAttempt first = rules.load();
        if (!first.ok()) {
            err.println("error: the rules in " + options.rules.toAbsolutePath() + " cannot serve:");
            err.println(RulesJson.attempt(first).encodePrettily());
            err.flush();
            closeWhenOpen(opening);
            return EXIT_RULES_REJECTED;
        }
        if (!rules.get().messages().hasLanguage(defaultLang)) {
            err.println("error: --lang must be one of " + rules.get().messages().languages());
            err.flush();
            closeWhenOpen(opening);
            rules.close();
            return EXIT_RULES_REJECTED;
        }
        Ledger ledger;
        try {
            ledger = opening != null ? joinUnwrapped(opening) : Ledger.open(ledgerConfig);
        } catch (LedgerStoreException | IllegalArgumentException e) {
            err.println("error: the recipient ledger cannot open: " + e.getMessage());
            err.flush();
            rules.close();
            return EXIT_LEDGER_UNAVAILABLE;
        }
        ledger.startRetention();
        // traffic by receiver in the ledger's database: shared by the instances, kept across restarts
        ReceiverTraffic receivers = new ReceiverTraffic(families, ledger.receiverCounts(), java.time.Clock.systemUTC(),
                Duration.ofDays(trafficRetentionDays));
        receivers.start(RECEIVER_FLUSH_INTERVAL);
        metrics.useReceiverTraffic(receivers);
        try {
            metrics.sample().keepIn(ledger.trafficSample());
        } catch (RuntimeException e) {
            LOG.warn("the traffic sample stays in memory: the ledger's database refused it ({})", e.getMessage());
        }
        rules.checkImpactWith(new ImpactCheck(metrics.sample(), ledger, maxImpact));
        // GET /ready follows the database: 503 while it cannot be reached, 200 again once it answers
        ledger.startHealthChecks(java.time.Duration.ofSeconds(1));
        Vertx vertx = HttpApi.newVertx(metrics);
        HttpServer server;
        try {
            server = HttpApi.start(vertx, rules, metrics, new HttpConfig(host, port, maxBodyBytes, defaultLang,
                            System.getenv("BOUNCE_ADMIN_TOKEN"), maxBatchItems), ledger, webhooks)
                    .toCompletionStage().toCompletableFuture().get();
        } catch (ExecutionException e) {
            err.println("error: cannot listen on " + host + ":" + port + ": " + e.getCause().getMessage()
                    + " (is another process using the port? choose one with --port)");
            err.flush();
            vertx.close();
            ledger.close();
            rules.close();
            return EXIT_CANNOT_LISTEN;
        }
        AutoCloseable alongside;
        try {
            alongside = startAlongside(rules, ledger, metrics, defaultLang);
        } catch (Exception e) {
            err.println("error: " + e.getMessage());
            err.flush();
            awaitQuietly(vertx.close(), CLOSE_SECONDS, "stopping Vert.x");
            ledger.close();
            rules.close();
            return EXIT_INPUT_FAILED;
        }
        ReturnPathServer returnPath = null;
        if (smtpConfig != null) {
            try {
                IntakeMetrics intakeMetrics = new IntakeMetrics(metrics);
                returnPath = ReturnPathServer.start(smtpConfig,
                        new BounceIntake(new MailParser(), rules, ledger, defaultLang, intakeMetrics), intakeMetrics);
            } catch (IOException e) {
                err.println("error: the SMTP receiver cannot listen on " + smtpConfig.host() + ":" + smtpConfig.port()
                        + ": " + e.getMessage() + " (is another process using the port? choose one with --smtp-port)");
                err.flush();
                awaitQuietly(vertx.close(), CLOSE_SECONDS, "stopping Vert.x");
                ledger.close();
                rules.close();
                return EXIT_CANNOT_LISTEN;
            }
            LOG.info("receiving bounces by SMTP on {}:{} for {}{}", smtpConfig.host(), returnPath.port(),
                    smtpConfig.domains().names(), smtpConfig.tls() == null ? "" : " (STARTTLS offered)");
        }
        MailboxPoller poller = null;
        if (mailboxConfig != null) {
            IntakeMetrics intakeMetrics = new IntakeMetrics(metrics);
            poller = new MailboxPoller(mailboxConfig,
                    new BounceIntake(new MailParser(), rules, ledger, defaultLang, intakeMetrics), intakeMetrics);
            poller.start();
            LOG.info("reading bounces from {} every {} s", mailboxConfig.describe(), mailboxConfig.pollInterval().toSeconds());
        }
        RulesWatcher watcher = null;
        if (!noWatch) {
            try {
                watcher = RulesWatcher.start(rules);
            } catch (IOException e) {
                LOG.warn("cannot watch {} for changes ({}); reload with POST /v1/rules/reload", options.rules,
                        e.getMessage());
            }
        }
        if (!webhooks.enabledIds().isEmpty()) {
            LOG.info("webhooks on for {}", webhooks.enabledIds());
        }
        LOG.info("listening on http://{}:{}/ with rules {} ({} rules from {}); ledger: {}", host, server.actualPort(),
                rules.get().version(), rules.get().ruleCount(), options.rules.toAbsolutePath(), ledger.describe());
        CountDownLatch stopped = new CountDownLatch(1);
        RulesWatcher watching = watcher;
        ReturnPathServer receiving = returnPath;
        MailboxPoller polling = poller;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down: finishing requests in flight");
            if (watching != null) {
                watching.close();
            }
            // inputs other than HTTP stop first: what they are handling reaches the ledger
            closeQuietly(alongside);
            if (polling != null) {
                polling.close();
            }
            if (receiving != null) {
                // before the ledger closes: a transaction in flight finishes recording (or answers 451)
                receiving.close();
            }
            // One step after the other on this thread: a callback chained after vertx.close() is
            // never run (its event loop is gone), and then the ledger would not be closed.
            awaitQuietly(server.shutdown(Duration.ofSeconds(SHUTDOWN_GRACE_SECONDS)),
                    SHUTDOWN_GRACE_SECONDS + CLOSE_SECONDS, "finishing requests");
            awaitQuietly(vertx.close(), CLOSE_SECONDS, "stopping Vert.x");
            // the counts not yet written go to the database while it is still open
            receivers.close();
            // what was counted since the last write reaches the database before it closes
            metrics.sample().close();
            ledger.close();
            rules.close();
            // the last line: an operator (or a supervisor reading the log) sees a clean stop
            LOG.info("stopped");
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }

    /** What is wrong with the traffic sample's and the impact limit's options, or null. */
    String checkImpactOptions() {
        if (trafficSampleSize < 1) {
            return "--traffic-sample-size must be at least 1, not " + trafficSampleSize;
        }
        if (trafficSampleDays < 1) {
            return "--traffic-sample-days must be at least 1, not " + trafficSampleDays;
        }
        if (maxImpact != null && (maxImpact.isNaN() || maxImpact < 0 || maxImpact > 100)) {
            return "--max-impact must be a percentage from 0 to 100, not " + maxImpact;
        }
        return null;
    }

    /** What is wrong with the options of what runs beside the HTTP API, or null. */
    String checkAlongsideOptions() {
        return null;
    }

    /** The ledger opened alongside the rules, or what kept it from opening, as {@code Ledger.open} threw it. */
    private static Ledger joinUnwrapped(CompletableFuture<Ledger> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The ledger opened alongside rules that cannot serve: closed once it is open (a failure to open is moot). */
    private static void closeWhenOpen(CompletableFuture<Ledger> opening) {
        if (opening == null) {
            return;
        }
        try {
            opening.join().close();
        } catch (CompletionException e) {
            // it did not open: nothing to close, and the rules' error is the one reported
        }
    }

    /**
     * Starts what runs beside the HTTP API on the same rules, ledger and metrics (the Kafka stream);
     * closed at shutdown before the HTTP server. The plain service runs nothing beside it.
     *
     * @throws Exception with the message to print when it cannot start
     */
    AutoCloseable startAlongside(CurrentRules rules, Ledger ledger, ServiceMetrics metrics, String lang)
            throws Exception {
        return () -> { };
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("shutdown: {} did not close cleanly: {}", c, e.toString());
        }
    }

    private static void awaitQuietly(Future<?> step, long seconds, String what) {
        try {
            step.toCompletionStage().toCompletableFuture().get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("shutdown: {} did not finish cleanly: {}", what, e.toString());
        }
    }
}
