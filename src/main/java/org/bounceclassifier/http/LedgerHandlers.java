package org.bounceclassifier.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bounceclassifier.api.InputException;
import org.bounceclassifier.api.LedgerJson;
import org.bounceclassifier.api.LedgerRequests;
import org.bounceclassifier.api.SuppressionCsv;
import org.bounceclassifier.api.SuppressionImportCsv;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.ledger.EmailAddress;
import org.bounceclassifier.ledger.Ledger;
import org.bounceclassifier.ledger.LedgerStoreException;
import org.bounceclassifier.ledger.SuppressionImport;
import org.bounceclassifier.ledger.SuppressionPage;
import org.bounceclassifier.ledger.SuppressionQuery;
import org.bounceclassifier.mail.FailedRecipient;
import org.bounceclassifier.mail.MailParser;
import org.bounceclassifier.mail.ParsedMessage;
import org.bounceclassifier.ledger.LedgerStore;
import org.bounceclassifier.service.CurrentRules;
import org.bounceclassifier.service.LedgerMetrics;
import org.bounceclassifier.service.ServiceMetrics;
import org.bounceclassifier.service.TrafficRecorder;

/**
 * The recipient ledger's endpoints (README, "Recipient ledger"). Requests are read and checked on
 * the event loop; every database call, and the classification of a recorded bounce (it runs while
 * the recipient is locked), runs on the ledger's own worker pool, so a slow database never stalls
 * the event loop nor takes the workers {@code /v1/classify} uses.
 */
final class LedgerHandlers {
    /**
     * Ledger calls in flight at once. Most of them wait (for a connection, for the embedded
     * store's writer), and the more writes wait together, the more of them one commit serves.
     */
    static final int WORKERS = 32;
    /** Rows per database read of the CSV export: memory stays flat whatever the list's length. */
    static final int EXPORT_PAGE_SIZE = 1_000;
    /** The check call takes 10,000 addresses of up to 254 characters, quoted and separated. */
    static final long CHECK_BODY_BYTES = (long) Ledger.MAX_CHECK_ADDRESSES * (EmailAddress.MAX_LENGTH + 4) + 1024;
    /** How many of a recipient's events and audit entries {@code GET /v1/recipients/{address}} shows. */
    static final int RECENT_EVENTS = 20;
    static final int RECENT_AUDIT = 50;

    /** The largest suppression list one import takes (by Content-Length): some million rows. */
    static final long MAX_IMPORT_BYTES = 512L * 1024 * 1024;

    private final MailParser mailParser = new MailParser();
    private final Vertx vertx;
    private final CurrentRules rules;
    private final Ledger ledger;
    private final String defaultLang;
    private final WorkerExecutor workers;
    private final LedgerMetrics metrics;
    /** The classifications of recorded bounces count on the traffic screen, as the other ways in do. */
    private final ServiceMetrics serviceMetrics;
    /** One re-evaluation at a time: two would replay the same events against each other. */
    private final java.util.concurrent.atomic.AtomicBoolean reevaluating = new java.util.concurrent.atomic.AtomicBoolean();

    private LedgerHandlers(Vertx vertx, CurrentRules rules, Ledger ledger, String defaultLang, WorkerExecutor workers,
                           LedgerMetrics metrics, ServiceMetrics serviceMetrics) {
        this.vertx = vertx;
        this.serviceMetrics = serviceMetrics;
        this.metrics = metrics;
        this.rules = rules;
        this.ledger = ledger;
        this.defaultLang = defaultLang;
        this.workers = workers;
    }

    /** Adds the ledger's routes to {@code router}. */
    static void mount(Vertx vertx, Router router, CurrentRules rules, Ledger ledger, HttpConfig config,
                      AdminAuth admin, ServiceMetrics serviceMetrics) {
        LedgerHandlers h = new LedgerHandlers(vertx, rules, ledger, config.defaultLang(),
                vertx.createSharedWorkerExecutor("ledger", WORKERS), new LedgerMetrics(serviceMetrics.registry(), ledger),
                serviceMetrics);
        router.get("/ready").handler(h::ready);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(config.maxBodyBytes());
        BodyHandler checkBody = BodyHandler.create(false)
                .setBodyLimit(Math.max(config.maxBodyBytes(), CHECK_BODY_BYTES));
        router.post("/v1/bounces").handler(body).handler(h::bounce);
        router.post("/v1/deliveries").handler(body).handler(h::delivery);
        router.get("/v1/recipients/:address").handler(h::recipient);
        router.get("/v1/suppressions").handler(h::suppressions);
        router.get("/v1/suppressions.csv").handler(h::exportCsv);
        router.post("/v1/suppressions/check").handler(checkBody).handler(h::check);
        router.delete("/v1/suppressions/:address").handler(body).handler(admin::handle).handler(h::release);
        router.post("/v1/suppressions").handler(body).handler(admin::handle).handler(h::suppress);
        // no body handler: the list is streamed to a temporary file, not held in memory
        router.post("/v1/suppressions/import").handler(admin::handle).handler(h::importList);
        router.post("/v1/recipients/:address/reset").handler(body).handler(admin::handle).handler(h::reset);
        router.post("/v1/ledger/reevaluate").handler(admin::handle).handler(h::reevaluate);
    }

    void bounce(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        boolean rawMessage = MediaTypes.isRawMessage(contentType);
        if (!rawMessage && !MediaTypes.isJson(contentType)) {
            ErrorResponses.send(ctx, 415, "unsupported_media_type", "send the bounce as Content-Type: "
                    + "application/json, or a whole bounce e-mail as message/rfc822 (or text/plain)");
            return;
        }
        RuleSet ruleSet = rules.get();
        String lang = Language.choose(ctx, ruleSet.messages().languages(), defaultLang);
        if (lang == null) {
            ErrorResponses.send(ctx, 400, "invalid_parameter", "lang must be one of " + ruleSet.messages().languages());
            return;
        }
        if (rawMessage) {
            bounceMessage(ctx, ruleSet, lang);
            return;
        }
        LedgerRequests.BounceRequest request;
        try {
            request = LedgerRequests.bounce(ctx.body().asString("UTF-8"));
        } catch (InputException e) {
            ErrorResponses.send(ctx, 400, e.code(), e.getMessage());
            return;
        }
        answer(ctx, "record_bounce", () -> {
            Ledger.BounceRecorded b = ledger.recordBounce(ruleSet, request.input(), request.recipient(), request.ids(),
                    lang);
            counted(b);
            return LedgerJson.bounce(b);
        });
    }

    /**
     * A raw bounce e-mail: one event per failed recipient, each identified by the bounce's
     * Message-ID and the recipient, so the same e-mail recorded twice counts once.
     */
    private void bounceMessage(RoutingContext ctx, RuleSet ruleSet, String lang) {
        byte[] raw = ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        if (raw.length == 0) {
            ErrorResponses.send(ctx, 400, "empty_body", "the body is empty: send the bounce e-mail as it arrived, "
                    + "headers included (curl --data-binary @bounce.eml)");
            return;
        }
        answer(ctx, "record_message", () -> {
            ParsedMessage message = mailParser.parse(raw);
            JsonArray results = new JsonArray();
            for (FailedRecipient failed : message.recipients()) {
                EmailAddress address = EmailAddress.tryParse(failed.recipient());
                if (address == null) {
                    results.add(new JsonObject().put("recipient", failed.recipient())
                            .put("error", "invalid_recipient")
                            .put("message", "the message names no usable recipient address; nothing was recorded"));
                    continue;
                }
                String eventId = message.messageId() == null ? null : message.messageId() + " " + address.value();
                try {
                    Ledger.BounceRecorded b = ledger.recordBounce(ruleSet, failed.input(), address,
                            Ledger.BounceIds.event(eventId), lang);
                    counted(b);
                    results.add(LedgerJson.bounce(b));
                } catch (Ledger.NotAFailureException delivered) {
                    results.add(new JsonObject().put("recipient", address.value()).put("error", "not_a_failure")
                            .put("message", delivered.getMessage()));
                }
            }
            return new JsonObject().put("messageKind", message.kind().id()).put("results", results);
        });
    }

    /** A recorded bounce on /metrics and the traffic screen; a duplicate counts on the screen once. */
    private void counted(Ledger.BounceRecorded b) {
        metrics.recorded(b.recorded());
        if (!b.recorded().duplicate()) {
            serviceMetrics.classified(b.classification(), TrafficRecorder.API);
        }
    }

    void delivery(RoutingContext ctx) {
        if (!requireJson(ctx)) {
            return;
        }
        LedgerRequests.DeliveryRequest request;
        try {
            request = LedgerRequests.delivery(ctx.body().asString("UTF-8"));
        } catch (InputException e) {
            ErrorResponses.send(ctx, 400, e.code(), e.getMessage());
            return;
        }
        answer(ctx, "record_delivery", () -> {
            LedgerStore.Recorded r = ledger.recordDelivery(request.recipient(), request.eventId());
            metrics.recorded(r);
            return LedgerJson.delivery(r);
        });
    }

    void recipient(RoutingContext ctx) {
        EmailAddress address;
        try {
            address = LedgerRequests.address(ctx.pathParam("address"), "the address in the path");
        } catch (InputException e) {
            ErrorResponses.send(ctx, 400, e.code(), e.getMessage());
            return;
        }
        blocking("view", () -> ledger.view(address, RECENT_EVENTS, RECENT_AUDIT))
                .onSuccess(view -> {
                    if (view.isEmpty()) {
                        ErrorResponses.send(ctx, 404, "unknown_recipient", "no event was ever recorded for "
                                + address + ": the ledger treats it as active");
                    } else {
                        ClassifyHandler.sendJson(ctx, LedgerJson.view(view.get()));
                    }
                })
                .onFailure(e -> fail(ctx, e));
    }

    void suppressions(RoutingContext ctx) {
        SuppressionQuery query = query(ctx, ctx.queryParams().get("limit"), ctx.queryParams().get("cursor"));
        if (query != null) {
            answer(ctx, "suppressions", () -> LedgerJson.page(ledger.suppressions(query)));
        }
    }

    /** The whole (filtered) list as CSV, streamed page by page: the next page is read once the last is written. */
    void exportCsv(RoutingContext ctx) {
        SuppressionQuery query = query(ctx, String.valueOf(EXPORT_PAGE_SIZE), null);
        if (query == null) {
            return;
        }
        ctx.response()
                .setChunked(true)
                .putHeader("Content-Type", "text/csv; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename=\"suppressions.csv\"");
        exportPage(ctx, query, SuppressionCsv.header());
    }

    private void exportPage(RoutingContext ctx, SuppressionQuery query, String before) {
        blocking("export", () -> ledger.suppressions(query))
                .onSuccess(page -> {
                    String csv = before + SuppressionCsv.rows(page.items());
                    if (page.next() == null) {
                        ctx.response().end(csv);
                        return;
                    }
                    ctx.response().write(csv).onSuccess(v -> exportPage(ctx, next(query, page), ""))
                            .onFailure(e -> ctx.response().reset());
                })
                .onFailure(e -> {
                    if (ctx.response().headWritten()) {
                        // a truncated export must not look complete: drop the connection
                        ctx.response().reset();
                    } else {
                        fail(ctx, e);
                    }
                });
    }

    private static SuppressionQuery next(SuppressionQuery q, SuppressionPage page) {
        return new SuppressionQuery(q.domain(), q.category(), q.since(), page.next(), q.limit());
    }

    void check(RoutingContext ctx) {
        if (!requireJson(ctx)) {
            return;
        }
        List<String> sent;
        List<EmailAddress> parsed;
        try {
            sent = LedgerRequests.checkAddresses(ctx.body().asString("UTF-8"));
            parsed = new ArrayList<>(sent.size());
            for (int i = 0; i < sent.size(); i++) {
                parsed.add(LedgerRequests.checkedAddress(sent, i));
            }
        } catch (InputException e) {
            ErrorResponses.send(ctx, 400, e.code(), e.getMessage());
            return;
        }
        answer(ctx, "check", () -> LedgerJson.check(sent, parsed, ledger.check(parsed)));
    }

    void release(RoutingContext ctx) {
        if (!requireJson(ctx)) {
            return;
        }
        ByHand change = byHand(ctx, LedgerRequests::release);
        if (change == null) {
            return;
        }
        EmailAddress address = change.address();
        blocking("release", () -> ledger.release(address, change.request().actor(), change.request().reason()))
                .onSuccess(outcome -> {
                    if (outcome instanceof Ledger.ReleaseOutcome.Done done) {
                        metrics.released();
                        ClassifyHandler.sendJson(ctx, LedgerJson.recipient(done.released().recipient())
                                .put("release", LedgerJson.audit(done.released().audit())));
                    } else if (outcome instanceof Ledger.ReleaseOutcome.NotSuppressed not) {
                        ErrorResponses.send(ctx, 409, "not_suppressed", address + " is not suppressed (state: "
                                + not.recipient().state().id() + "); there is nothing to release");
                    } else {
                        ErrorResponses.send(ctx, 404, "unknown_recipient", "no event was ever recorded for "
                                + address + "; there is nothing to release");
                    }
                })
                .onFailure(e -> fail(ctx, e));
    }

    /** A change by hand to one recipient: the address in the path, the actor and reason in the body. */
    private record ByHand(EmailAddress address, LedgerRequests.ReleaseRequest request) {
    }

    /** How a change's body is read ({@link LedgerRequests#release}, {@link LedgerRequests#reset}). */
    @FunctionalInterface
    private interface ByHandBody {
        LedgerRequests.ReleaseRequest read(String body, String actorHeader) throws InputException;
    }

    /** The change, or null once a 400 naming what to fix has been sent. */
    private static ByHand byHand(RoutingContext ctx, ByHandBody body) {
        try {
            return new ByHand(LedgerRequests.address(ctx.pathParam("address"), "the address in the path"),
                    body.read(ctx.body().asString("UTF-8"), ctx.request().getHeader("X-Actor")));
        } catch (InputException e) {
            ErrorResponses.send(ctx, 400, e.code(), e.getMessage());
            return null;
        }
    }

    void suppress(RoutingContext ctx) {
        if (!requireJson(ctx)) {
            return;
        }
        LedgerRequests.SuppressRequest request;
        try {
            request = LedgerRequests.suppress(ctx.body().asString("UTF-8"), ctx.request().getHeader("X-Actor"));
        } catch (InputException e) {
            ErrorResponses.send(ctx, 400, e.code(), e.getMessage());
            return;
        }
        blocking("suppress", () -> ledger.suppress(request.address(), request.actor(), request.reason(),
                        request.category()))
                .onSuccess(outcome -> {
                    if (outcome instanceof Ledger.ChangeOutcome.Done done) {
                        metrics.suppressed("manual", 1);
                        ClassifyHandler.sendJson(ctx, LedgerJson.recipient(done.changed().recipient())
                                .put("audit", LedgerJson.audit(done.changed().audit())));
                    } else if (outcome instanceof Ledger.ChangeOutcome.NotApplicable not) {
                        ErrorResponses.send(ctx, 409, "already_suppressed", request.address() + " is suppressed"
                                + " already (category " + not.recipient().suppression().category() + ", since "
                                + not.recipient().suppression().at() + "); nothing changed");
                    } else {
                        ctx.fail(new IllegalStateException("a suppression by hand creates the recipient"));
                    }
                })
                .onFailure(e -> fail(ctx, e));
    }

    void reset(RoutingContext ctx) {
        if (!requireJson(ctx)) {
            return;
        }
        ByHand change = byHand(ctx, LedgerRequests::reset);
        if (change == null) {
            return;
        }
        EmailAddress address = change.address();
        blocking("reset", () -> ledger.reset(address, change.request().actor(), change.request().reason()))
                .onSuccess(outcome -> {
                    if (outcome instanceof Ledger.ChangeOutcome.Done done) {
                        metrics.reset();
                        ClassifyHandler.sendJson(ctx, LedgerJson.recipient(done.changed().recipient())
                                .put("audit", LedgerJson.audit(done.changed().audit())));
                    } else if (outcome instanceof Ledger.ChangeOutcome.NotApplicable not) {
                        ErrorResponses.send(ctx, 409, not.recipient().suppressed() ? "suppressed" : "no_run",
                                not.recipient().suppressed()
                                        ? address + " is suppressed: lift it with DELETE /v1/suppressions/{address}"
                                        : address + " has no run of soft bounces to reset (state: "
                                                + not.recipient().state().id() + "); nothing changed");
                    } else {
                        ErrorResponses.send(ctx, 404, "unknown_recipient", "no event was ever recorded for "
                                + address + "; there is nothing to reset");
                    }
                })
                .onFailure(e -> fail(ctx, e));
    }

    /**
     * {@code POST /v1/suppressions/import}: the CSV is streamed to a temporary file as it arrives,
     * read once to check every row (any error: 400 with the rows and what is wrong, nothing
     * imported), then read again into one transaction in batches. Memory stays flat whatever the
     * list's length.
     */
    void importList(RoutingContext ctx) {
        String type = MediaTypes.base(ctx.request().getHeader("Content-Type"));
        if (!"text/csv".equals(type)) {
            ErrorResponses.send(ctx, 415, "unsupported_media_type", "send the list as Content-Type: text/csv with a"
                    + " header line: address,reason[,date][,category] (curl --data-binary @list.csv)");
            return;
        }
        String length = ctx.request().getHeader("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > MAX_IMPORT_BYTES) {
            ErrorResponses.send(ctx, 413, "body_too_large", "one import takes at most " + MAX_IMPORT_BYTES
                    + " bytes; split the list (importing is idempotent)");
            return;
        }
        String actor = ctx.request().getHeader("X-Actor");
        String who = actor == null || actor.isBlank() ? "admin" : actor.strip();
        if (who.length() > LedgerRequests.MAX_ACTOR_LENGTH) {
            ErrorResponses.send(ctx, 400, "invalid_field", "X-Actor is longer than " + LedgerRequests.MAX_ACTOR_LENGTH
                    + " characters");
            return;
        }
        ctx.request().pause();
        vertx.fileSystem().createTempFile("suppressions-", ".csv")
                .compose(path -> vertx.fileSystem().open(path, new io.vertx.core.file.OpenOptions().setWrite(true))
                        .compose(file -> ctx.request().pipeTo(file))
                        .compose(v -> blocking("import", () -> importFile(java.nio.file.Path.of(path), who)))
                        .eventually(() -> vertx.fileSystem().delete(path)))
                .onSuccess(answer -> {
                    if (answer.getString("error") == null) {
                        ClassifyHandler.sendJson(ctx, answer);
                    } else {
                        ctx.response().setStatusCode(400).putHeader("Content-Type", "application/json; charset=utf-8")
                                .end(answer.encode());
                    }
                })
                .onFailure(e -> fail(ctx, e));
    }

    private JsonObject importFile(java.nio.file.Path file, String actor) throws java.io.IOException {
        SuppressionImportCsv.Checked checked;
        try (var reader = java.nio.file.Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            checked = SuppressionImportCsv.check(reader);
        } catch (InputException e) {
            return new JsonObject().put("error", e.code()).put("message", e.getMessage());
        }
        if (!checked.ok()) {
            metrics.imported("refused", 0);
            JsonArray errors = new JsonArray();
            checked.errors().forEach(r -> errors.add(new JsonObject().put("row", r.row()).put("message", r.message())));
            return new JsonObject().put("error", "invalid_rows")
                    .put("message", checked.errorCount() + " of " + checked.rows() + " rows are wrong (row 1 is the"
                            + " first after the header; the first " + SuppressionImportCsv.MAX_ERRORS_SHOWN
                            + " are listed); nothing was imported: fix them and send the whole list again")
                    .put("errorCount", checked.errorCount())
                    .put("errors", errors);
        }
        try (var reader = java.nio.file.Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            var rows = SuppressionImportCsv.rows(reader);
            SuppressionImport.Result result = ledger.importSuppressions(() -> rows, actor);
            metrics.imported("ok", result.rows());
            metrics.suppressed("import", result.suppressed());
            return new JsonObject().put("rows", result.rows()).put("suppressed", result.suppressed())
                    .put("alreadySuppressed", result.alreadySuppressed());
        }
    }

    /**
     * {@code POST /v1/ledger/reevaluate?dryRun=true|false}: replays every stored event through the
     * serving rules on a worker thread (never the event loop), page by page; {@code dryRun=true}
     * reports, anything else applies.
     */
    void reevaluate(RoutingContext ctx) {
        String dry = ctx.queryParams().get("dryRun");
        if (dry != null && !dry.equalsIgnoreCase("true") && !dry.equalsIgnoreCase("false")) {
            ErrorResponses.send(ctx, 400, "invalid_parameter", "dryRun must be true (report only) or false (apply),"
                    + " got \"" + dry + "\"");
            return;
        }
        boolean apply = !"true".equalsIgnoreCase(dry);
        String actor = ctx.request().getHeader("X-Actor");
        String who = actor == null || actor.isBlank() ? "admin" : actor.strip();
        if (!reevaluating.compareAndSet(false, true)) {
            ErrorResponses.send(ctx, 409, "reevaluation_running", "a re-evaluation is running; wait for its answer");
            return;
        }
        RuleSet ruleSet = rules.get();
        String lang = defaultLang;
        blocking("reevaluate", () -> ledger.reevaluate(ruleSet, apply, who, lang))
                .onComplete(done -> reevaluating.set(false))
                .onSuccess(report -> ClassifyHandler.sendJson(ctx, LedgerJson.reevaluation(report)))
                .onFailure(e -> fail(ctx, e));
    }

    private SuppressionQuery query(RoutingContext ctx, String limit, String cursor) {
        try {
            return LedgerRequests.suppressionQuery(ctx.queryParams().get("domain"), ctx.queryParams().get("category"),
                    ctx.queryParams().get("since"), limit, cursor);
        } catch (InputException e) {
            ErrorResponses.send(ctx, 400, e.code(), e.getMessage());
            return null;
        }
    }

    private static boolean requireJson(RoutingContext ctx) {
        if (MediaTypes.isJson(ctx.request().getHeader("Content-Type"))) {
            return true;
        }
        ErrorResponses.send(ctx, 415, "unsupported_media_type", "send a JSON body (Content-Type: application/json)");
        return false;
    }

    private void answer(RoutingContext ctx, String operation, Callable<JsonObject> work) {
        Future<JsonObject> result = blocking(operation, work);
        result.onSuccess(json -> ClassifyHandler.sendJson(ctx, json)).onFailure(e -> fail(ctx, e));
    }

    /** Runs a ledger call on the ledger's workers, timed; a database failure marks the ledger not ready. */
    private <T> Future<T> blocking(String operation, Callable<T> work) {
        io.micrometer.core.instrument.Timer timer = metrics.latency(operation);
        return workers.executeBlocking(() -> {
            long start = System.nanoTime();
            try {
                return work.call();
            } catch (LedgerStoreException e) {
                metrics.databaseError();
                ledger.markUnavailable(e.getMessage());
                throw e;
            } finally {
                timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        }, false);
    }

    /**
     * {@code GET /ready}: 200 while the ledger's database answers, 503 with the reason while it
     * cannot be reached (a load balancer sends traffic elsewhere); the health checks, and any call
     * that gets through, see it recover.
     */
    void ready(RoutingContext ctx) {
        Ledger.Readiness r = ledger.readiness();
        JsonObject body = new JsonObject().put("status", r.ready() ? "READY" : "NOT_READY")
                .put("ledger", ledger.describe()).put("since", r.since().toString());
        if (rules.get() == null) {
            ctx.response().setStatusCode(503);
            ClassifyHandler.sendJson(ctx, body.put("status", "NOT_READY").put("reason", "no rules are loaded"));
            return;
        }
        if (!r.ready()) {
            ctx.response().setStatusCode(503);
            body.put("reason", "the ledger database cannot be reached: " + r.reason());
        }
        ClassifyHandler.sendJson(ctx, body);
    }

    /** A database that cannot be reached is the service's trouble, but not a bug: 503, and say so. */
    private static void fail(RoutingContext ctx, Throwable e) {
        if (e instanceof Ledger.NotAFailureException notAFailure) {
            ErrorResponses.send(ctx, 400, "not_a_failure", notAFailure.getMessage());
        } else if (e instanceof LedgerStoreException) {
            ErrorResponses.send(ctx, 503, "ledger_unavailable", "the ledger database did not answer ("
                    + e.getMessage() + "); send the same request again with the same eventId: it counts once");
        } else {
            ctx.fail(e);
        }
    }
}
