package org.bounceclassifier.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.bounceclassifier.TestClock;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.engine.BounceInput;
import org.bounceclassifier.engine.RuleSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

/**
 * What every ledger store must do, run against the embedded store and against PostgreSQL by the
 * subclasses. The rules are the bundled ones: what suppresses and what counts is theirs to say.
 */
abstract class LedgerContractTest {
    static final String LANG = "en";
    private static final int RETENTION_DAYS = 90;
    protected TestClock clock;
    protected Ledger ledger;
    private final RuleSet rules = TestRules.bundled();

    /** A store with no recipients in it. */
    abstract LedgerStore openEmptyStore();

    @BeforeEach
    void open() {
        clock = new TestClock(Instant.parse("2026-11-24T09:00:00Z"));
        ledger = new Ledger(openEmptyStore(), clock, RETENTION_DAYS);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    static EmailAddress address(String a) {
        return EmailAddress.parse(a);
    }

    static BounceInput mailboxFull(String recipient) {
        return new BounceInput(452, "4.2.2", "452 4.2.2 <" + recipient + ">: Mailbox full", recipient, null, null,
                null, 0);
    }

    static BounceInput userUnknown(String recipient) {
        return new BounceInput(550, "5.1.1", "550 5.1.1 <" + recipient + ">: Recipient address rejected: User unknown",
                recipient, null, null, null, 0);
    }

    static BounceInput diagnostic(String text) {
        return BounceInput.ofDiagnostic(text);
    }

    Ledger.BounceRecorded bounce(String recipient, BounceInput input, String eventId) {
        clock.advance(Duration.ofSeconds(1));
        return ledger.recordBounce(rules, input, address(recipient), eventId, LANG);
    }

    Recipient state(String recipient) {
        return ledger.view(address(recipient), 100, 100).orElseThrow().recipient();
    }

    @Test
    void theFifthSoftBounceInARowSuppressesAndNamesItsCause() {
        String r = "yuki@example.jp";
        for (int i = 1; i <= 4; i++) {
            Ledger.BounceRecorded b = bounce(r, mailboxFull(r), "full-" + i);
            assertEquals(Effect.COUNTED, b.recorded().event().effect());
            assertEquals(RecipientState.SOFT_BOUNCING, b.recorded().recipient().state());
            assertEquals(i, b.recorded().recipient().consecutiveSoftBounces());
        }
        Ledger.BounceRecorded fifth = bounce(r, mailboxFull(r), "full-5");
        assertEquals("suppress", fifth.classification().action().id());
        assertEquals(Effect.SUPPRESSED, fifth.recorded().event().effect());
        assertEquals(4, fifth.recorded().event().softBouncesBefore(), "the rules saw the run so far as history");
        Recipient suppressed = state(r);
        assertEquals(RecipientState.SUPPRESSED, suppressed.state());
        assertEquals("mailbox_full", suppressed.suppression().category());
        assertEquals("full-5", suppressed.suppression().eventId());
        assertTrue(suppressed.suppression().matchedRules().contains(
                "decide: the fifth soft bounce in a row is treated as hard"), suppressed.suppression().toString());

        Ledger.BounceRecorded sixth = bounce(r, userUnknown(r), "unknown-6");
        assertEquals(Effect.UNCHANGED, sixth.recorded().event().effect());
        assertEquals("full-5", state(r).suppression().eventId(), "the first cause stays on record");
        assertEquals(Set.of(r), ledger.check(List.of(address(r), address("other@example.jp"))).keySet());
    }

    @Test
    void hardBouncesAndComplaintsSuppressAtOnce() {
        Ledger.BounceRecorded hard = bounce("ken@example.co.jp", userUnknown("ken@example.co.jp"), null);
        assertEquals(Effect.SUPPRESSED, hard.recorded().event().effect());
        assertEquals("bad_mailbox", state("ken@example.co.jp").suppression().category());
        assertNotNull(hard.recorded().event().eventId(), "an event id is made up when the caller gives none");

        Ledger.BounceRecorded complaint = bounce("aya@example.com",
                diagnostic("Feedback-Type: abuse -- a subscriber filed a complaint about your message"), "fbl-1");
        assertEquals("complaint", complaint.classification().category().id());
        assertEquals(RecipientState.SUPPRESSED, state("aya@example.com").state());
    }

    @Test
    void autoRepliesDelaysAndRefusalsOfTheSenderNeitherCountNorBreakTheRun() {
        String r = "mika@example.net";
        bounce(r, mailboxFull(r), "a");
        bounce(r, mailboxFull(r), "b");
        Ledger.BounceRecorded away = bounce(r, diagnostic("Out of Office: I am away until Monday."), "c");
        assertEquals("auto_reply", away.classification().category().id());
        Ledger.BounceRecorded blocked = bounce(r, diagnostic(
                "554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org"), "d");
        assertEquals("reputation_block", blocked.classification().category().id());
        Ledger.BounceRecorded delayed = bounce(r, new BounceInput(null, "4.4.1", "Delivery delayed; will keep trying",
                r, null, null, "delayed", 0), "e");
        assertEquals("delayed", delayed.classification().category().id());
        for (Ledger.BounceRecorded b : List.of(away, blocked, delayed)) {
            assertEquals(Effect.UNCHANGED, b.recorded().event().effect(), b.classification().category().id());
        }
        assertEquals(2, state(r).consecutiveSoftBounces());
        assertEquals(RecipientState.SOFT_BOUNCING, state(r).state());
    }

    Ledger.BounceRecorded attempt(String recipient, BounceInput input, String messageId) {
        clock.advance(Duration.ofMillis(200));
        return ledger.recordBounce(rules, input, address(recipient),
                new Ledger.BounceIds(null, messageId, clock.instant().minusSeconds(30)), LANG);
    }

    @Test
    void aReplyThatReportsADeliveryIsRefusedAndRecordsNothing() {
        String r = "ok@example.com";
        for (BounceInput delivered : List.of(diagnostic("250 2.0.0 OK queued as 4ABC123"),
                new BounceInput(null, "2.1.5", "relayed to non-DSN-aware mailer", r, null, null, "relayed", 0))) {
            for (int i = 0; i < 5; i++) {
                Ledger.NotAFailureException e = org.junit.jupiter.api.Assertions.assertThrows(
                        Ledger.NotAFailureException.class, () -> bounce(r, delivered, null));
                assertEquals("delivered", e.classification().category().id());
                assertTrue(e.getMessage().contains("/v1/deliveries"), e.getMessage());
            }
        }
        assertTrue(ledger.view(address(r), 10, 10).isEmpty(), "nothing was recorded");
        assertTrue(ledger.check(List.of(address(r))).isEmpty());
    }

    @Test
    void fiveRetriesOfOneMessageAreOneSend() {
        String r = "retry@example.jp";
        for (int i = 1; i <= 5; i++) {
            Ledger.BounceRecorded b = attempt(r, mailboxFull(r), "queue-7F3A");
            assertEquals(i == 1 ? Effect.COUNTED : Effect.UNCHANGED, b.recorded().event().effect(), "attempt " + i);
            assertEquals(0, b.recorded().event().softBouncesBefore(), "every retry is judged as the first attempt");
            assertEquals("queue-7F3A", b.recorded().event().report().messageId());
        }
        assertEquals(RecipientState.SOFT_BOUNCING, state(r).state());
        assertEquals(1, state(r).consecutiveSoftBounces());
        // other messages are other sends; a retry of the first still adds nothing
        for (int m = 2; m <= 4; m++) {
            assertEquals(Effect.COUNTED, attempt(r, mailboxFull(r), "queue-" + m).recorded().event().effect());
        }
        assertEquals(Effect.UNCHANGED, attempt(r, mailboxFull(r), "queue-7F3A").recorded().event().effect());
        assertEquals(4, state(r).consecutiveSoftBounces());
        // the fifth send in a row suppresses, as the rules say
        assertEquals(Effect.SUPPRESSED, attempt(r, mailboxFull(r), "queue-5").recorded().event().effect());
        // after a delivery the run starts again: the same message id is a new send then
        String s = "again@example.jp";
        attempt(s, mailboxFull(s), "queue-9");
        ledger.recordDelivery(address(s), null);
        assertEquals(Effect.COUNTED, attempt(s, mailboxFull(s), "queue-9").recorded().event().effect());
        // a hard answer on a retry still suppresses
        assertEquals(Effect.SUPPRESSED, attempt(s, userUnknown(s), "queue-9").recorded().event().effect());
    }

    @Test
    void fiveRefusalsAimedAtTheSenderNeverSuppress() {
        String r = "customer@example.co.jp";
        List<String> refusals = List.of(
                "554 5.7.9 Message not accepted for policy reasons",
                "550 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org",
                "550 5.7.26 This message does not pass authentication checks (SPF and DKIM both do not pass)",
                "554 5.7.1 Message rejected as spam by Content Filtering",
                "421 4.7.0 Too many messages from your IP, try again later");
        for (String refusal : refusals) {
            for (int i = 0; i < 5; i++) {
                Ledger.BounceRecorded b = bounce(r, diagnostic(refusal), null);
                assertEquals(Effect.UNCHANGED, b.recorded().event().effect(),
                        refusal + " -> " + b.classification().category().id());
            }
        }
        assertEquals(RecipientState.ACTIVE, state(r).state());
        assertEquals(25, ledger.view(address(r), 100, 10).orElseThrow().events().size(), "every refusal is recorded");
    }

    @Test
    void eachEventKeepsWhatTheReceiverSaidWithOtherPeoplesAddressesMasked() {
        String r = "Taro@example.jp";
        bounce(r, new BounceInput(550, "5.1.1", "550 5.1.1 <taro@example.jp>: user unknown; forwarded from"
                + " hanako@example.jp by postmaster@relay.example.net", r, null, "mx.example.jp", null, 0), "said-1");
        LedgerEvent e = ledger.view(address(r), 10, 10).orElseThrow().events().get(0);
        assertEquals("550 5.1.1 <taro@example.jp>: user unknown; forwarded from h***@example.jp by p***@***",
                e.report().diagnostic());
        assertEquals("mx.example.jp", e.report().remoteMta());

        ledger.close();
        ledger = new Ledger(openEmptyStore(), clock, RETENTION_DAYS, AddressCase.INSENSITIVE, 7);
        String k = "kenji@example.jp";
        bounce(k, mailboxFull(k), "said-2");
        clock.advance(Duration.ofDays(8));
        bounce(k, mailboxFull(k), "said-3");
        assertEquals(0, ledger.purgeExpiredEvents(), "the events stay for their own retention");
        List<LedgerEvent> events = ledger.view(address(k), 10, 10).orElseThrow().events();
        assertEquals(List.of("said-3", "said-2"), events.stream().map(LedgerEvent::eventId).toList());
        assertTrue(events.get(0).report().diagnostic().contains("Mailbox full"));
        assertEquals(null, events.get(1).report().diagnostic(), "blanked after the diagnostic retention");
    }

    @Test
    void aPersonSuppressesAndResetsByHandAndTheAuditSaysWhoAndWhy() {
        Ledger.ChangeOutcome done = ledger.suppress(address("Stop@Example.JP"), "sato", "asked by phone", null);
        Recipient stopped = ((Ledger.ChangeOutcome.Done) done).changed().recipient();
        assertEquals(RecipientState.SUPPRESSED, stopped.state());
        assertEquals(SuppressionImport.MANUAL, stopped.suppression().category());
        assertInstanceOf(Ledger.ChangeOutcome.NotApplicable.class,
                ledger.suppress(address("stop@example.jp"), "sato", "again", "complaint"));
        assertEquals(Set.of("stop@example.jp"), ledger.check(List.of(address("stop@example.jp"))).keySet());
        AuditEntry audit = ledger.view(address("stop@example.jp"), 10, 10).orElseThrow().audit().get(0);
        assertEquals(List.of(AuditEntry.SUPPRESS, "sato", "asked by phone"), List.of(audit.action(), audit.actor(),
                audit.reason()));
        assertEquals(Effect.UNCHANGED, bounce("stop@example.jp", mailboxFull("stop@example.jp"), null)
                .recorded().event().effect());

        String r = "run@example.jp";
        bounce(r, mailboxFull(r), null);
        bounce(r, mailboxFull(r), null);
        Ledger.ChangeOutcome reset = ledger.reset(address(r), "suzuki", "the customer freed space");
        assertEquals(RecipientState.ACTIVE, ((Ledger.ChangeOutcome.Done) reset).changed().recipient().state());
        assertEquals(0, state(r).consecutiveSoftBounces());
        AuditEntry resetAudit = ledger.view(address(r), 10, 10).orElseThrow().audit().get(0);
        assertEquals(AuditEntry.RESET, resetAudit.action());
        assertTrue(resetAudit.reason().contains("run of 2"), resetAudit.reason());
        assertInstanceOf(Ledger.ChangeOutcome.NotApplicable.class, ledger.reset(address(r), "suzuki", "again"));
        assertInstanceOf(Ledger.ChangeOutcome.NotApplicable.class,
                ledger.reset(address("stop@example.jp"), "suzuki", "no"));
        assertInstanceOf(Ledger.ChangeOutcome.Unknown.class, ledger.reset(address("who@example.jp"), "suzuki", "no"));
    }

    static List<SuppressionImport.Row> importRows(int n) {
        List<SuppressionImport.Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            rows.add(new SuppressionImport.Row(address("User" + i + "@Import" + (i % 97) + ".example"),
                    "unsubscribed on the old platform", i % 2 == 0 ? null : Instant.parse("2025-01-02T03:04:05Z"),
                    i % 3 == 0 ? "complaint" : null));
        }
        return rows;
    }

    @Test
    void anImportOfAHundredThousandRowsIsQuickAndIdempotent() {
        bounce("user7@import7.example", userUnknown("user7@import7.example"), "already");
        List<SuppressionImport.Row> rows = new ArrayList<>(importRows(100_000));
        // another spelling of a listed address, in the same batch: one recipient, suppressed once
        rows.add(10, new SuppressionImport.Row(address("USER5@IMPORT5.example"), "listed twice", null, null));
        long start = System.nanoTime();
        SuppressionImport.Result first = ledger.importSuppressions(rows, "migration-team");
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println(getClass().getSimpleName() + ": imported 100,000 rows in " + millis + " ms");
        assertEquals(new SuppressionImport.Result(100_001, 99_999, 2), first);
        assertTrue(millis < 60_000, "100,000 rows took " + millis + " ms");
        assertEquals(100_000, ledger.suppressions(new SuppressionQuery(null, null, null, null, 10)).total());
        Recipient one = state("user3@import3.example");
        assertEquals("complaint", one.suppression().category());
        Recipient two = state("USER1@import1.example");
        assertEquals(SuppressionImport.IMPORTED, two.suppression().category());
        assertEquals(Instant.parse("2025-01-02T03:04:05Z"), two.suppression().at());
        assertEquals("bad_mailbox", state("user7@import7.example").suppression().category(),
                "a suppression already there keeps its cause");
        assertEquals(AuditEntry.IMPORT, ledger.view(address("user1@import1.example"), 1, 10).orElseThrow().audit()
                .get(0).action());

        assertEquals(new SuppressionImport.Result(100_001, 0, 100_001), ledger.importSuppressions(rows, "again"));
        assertEquals(1, ledger.view(address("user1@import1.example"), 1, 10).orElseThrow().audit().size());
    }

    @Test
    void anImportThatFailsHalfWayLeavesNothingBehind() {
        List<SuppressionImport.Row> rows = importRows(5_000);
        Iterable<SuppressionImport.Row> breaking = () -> IntStream.range(0, rows.size()).mapToObj(i -> {
            if (i == 3_500) {
                throw new IllegalStateException("the upload broke off");
            }
            return rows.get(i);
        }).iterator();
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> ledger.importSuppressions(breaking, "migration-team"));
        assertEquals(0, ledger.suppressions(new SuppressionQuery(null, null, null, null, 10)).total());
        assertTrue(ledger.view(address("user1@import1.example"), 1, 1).isEmpty());
    }

    @Test
    void aReevaluationAfterARuleEditReportsThenAppliesWhatTheNewRulesDecide(@TempDir Path tmp) throws Exception {
        String three = "three@example.jp";
        for (int i = 1; i <= 3; i++) {
            bounce(three, mailboxFull(three), "three-" + i);
        }
        bounce("fbl@example.jp", diagnostic("Feedback-Type: abuse -- a subscriber complained"), "fbl-1");
        bounce("dead@example.jp", userUnknown("dead@example.jp"), "dead-1");
        clock.advance(Duration.ofSeconds(1));
        ledger.suppress(address("manual@example.jp"), "sato", "asked by phone", null);
        bounce("manual@example.jp", mailboxFull("manual@example.jp"), "manual-1");
        // a run of retries of one message: still one send after the edit
        for (int i = 0; i < 4; i++) {
            attempt("retry@example.jp", mailboxFull("retry@example.jp"), "queue-1");
        }

        // the rule writers lower the threshold to three and stop complaints from suppressing
        Path rulesDir = TestRules.copyOfRules(tmp);
        replaceIn(rulesDir.resolve("decision.drl"), "function int softBouncesInARowTreatedAsHard() { return 5; }",
                "function int softBouncesInARowTreatedAsHard() { return 3; }");
        replaceIn(rulesDir.resolve("remediation.drl"), "    // the recipient said they do not want this mail\n"
                + "    $d.remediate(kcontext, Action.SUPPRESS, null);", "    $d.remediate(kcontext, Action.NONE, null);");
        org.bounceclassifier.service.CurrentRules edited = new org.bounceclassifier.service.CurrentRules(rulesDir,
                TestRules.CASES, false);
        try {
            assertTrue(edited.load().ok(), () -> edited.lastAttempt().summary());
            Reevaluation.Report dry = ledger.reevaluate(edited.get(), false, "ops", LANG);
            assertTrue(dry.dryRun);
            assertEquals(5, dry.recipients);
            assertEquals(10, dry.events);
            assertEquals(List.of(three), dry.wouldSuppress.examples);
            assertEquals(List.of("fbl@example.jp"), dry.wouldRelease.examples);
            Reevaluation.Transition escalated = dry.transitions.get("mailbox_full/soft -> mailbox_full/hard");
            assertEquals(1, escalated.count, dry.transitions.keySet().toString());
            assertEquals("three-3", escalated.examples.get(0).eventId());
            assertEquals(RecipientState.SOFT_BOUNCING, state(three).state(), "a dry run changes nothing");
            assertEquals(RecipientState.SUPPRESSED, state("fbl@example.jp").state());

            Reevaluation.Report applied = ledger.reevaluate(edited.get(), true, "ops", LANG);
            assertEquals(1, applied.wouldSuppress.count);
            assertEquals(1, applied.wouldRelease.count);
            Recipient suppressed = state(three);
            assertEquals(RecipientState.SUPPRESSED, suppressed.state());
            assertEquals("three-3", suppressed.suppression().eventId());
            Ledger.RecipientView view = ledger.view(address(three), 10, 10).orElseThrow();
            assertEquals(Effect.SUPPRESSED, view.events().get(0).effect());
            assertEquals(edited.get().version(), view.events().get(0).rulesVersion());
            AuditEntry audit = view.audit().get(0);
            assertEquals(AuditEntry.REEVALUATE, audit.action());
            assertEquals("ops", audit.actor());
            assertTrue(audit.reason().contains(edited.get().version()), audit.reason());
            assertEquals(RecipientState.ACTIVE, state("fbl@example.jp").state());
            assertEquals(RecipientState.SUPPRESSED, state("dead@example.jp").state());
            assertEquals(RecipientState.SUPPRESSED, state("manual@example.jp").state(), "a person's suppression stays");
            assertEquals(1, state("retry@example.jp").consecutiveSoftBounces());

            Reevaluation.Report again = ledger.reevaluate(edited.get(), true, "ops", LANG);
            assertEquals(0, again.wouldSuppress.count + again.wouldRelease.count + again.eventsRewritten
                    + again.otherStateChanges, "applying twice changes nothing more");
        } finally {
            edited.close();
        }
    }

    private static void replaceIn(Path file, String from, String to) throws java.io.IOException {
        String text = java.nio.file.Files.readString(file);
        assertTrue(text.contains(from), () -> file + " no longer contains: " + from);
        java.nio.file.Files.writeString(file, text.replace(from, to));
    }

    @Test
    void theSameEventIdCountsOnce() {
        String r = "sora@example.jp";
        Ledger.BounceRecorded first = bounce(r, mailboxFull(r), "mta-42");
        Ledger.BounceRecorded again = bounce(r, mailboxFull(r), "mta-42");
        assertFalse(first.recorded().duplicate());
        assertTrue(again.recorded().duplicate());
        assertEquals(first.classification().action(), again.classification().action());
        assertEquals(1, state(r).consecutiveSoftBounces());
        assertEquals(1, ledger.view(address(r), 100, 100).orElseThrow().events().size());
        assertTrue(ledger.recordDelivery(address(r), "mta-42").duplicate(), "one namespace for every event id");
        assertEquals(1, state(r).consecutiveSoftBounces());
    }

    @Test
    void aDeliveryEndsTheRunButNeverLiftsASuppression() {
        String r = "hana@example.jp";
        bounce(r, mailboxFull(r), null);
        bounce(r, mailboxFull(r), null);
        LedgerStore.Recorded delivered = ledger.recordDelivery(address(r), "sent-1");
        assertEquals(Effect.RESET, delivered.event().effect());
        assertEquals(RecipientState.ACTIVE, state(r).state());
        assertEquals(0, state(r).consecutiveSoftBounces());
        assertEquals(Effect.UNCHANGED, ledger.recordDelivery(address(r), "sent-2").event().effect());

        bounce(r, userUnknown(r), null);
        assertEquals(Effect.UNCHANGED, ledger.recordDelivery(address(r), "sent-3").event().effect());
        assertEquals(RecipientState.SUPPRESSED, state(r).state());
    }

    @Test
    void aReleaseFreesTheAddressAndTheAuditSaysWhoAndWhy() {
        String r = "Taro@example.jp";
        bounce(r, userUnknown(r), "dead-1");
        Ledger.ReleaseOutcome outcome = ledger.release(address(r), "sato", "the customer fixed the address");
        Ledger.ReleaseOutcome.Done done = assertInstanceOf(Ledger.ReleaseOutcome.Done.class, outcome);
        assertEquals(RecipientState.RELEASED, done.released().recipient().state());
        assertTrue(ledger.check(List.of(address(r))).isEmpty());

        List<AuditEntry> audit = ledger.view(address(r), 10, 10).orElseThrow().audit();
        assertEquals(1, audit.size());
        AuditEntry entry = audit.get(0);
        assertEquals("sato", entry.actor());
        assertEquals("the customer fixed the address", entry.reason());
        assertEquals("bad_mailbox", entry.category());
        assertEquals("dead-1", entry.eventId());

        assertInstanceOf(Ledger.ReleaseOutcome.NotSuppressed.class, ledger.release(address(r), "sato", "again"));
        assertInstanceOf(Ledger.ReleaseOutcome.Unknown.class, ledger.release(address("nobody@example.jp"), "x", "y"));

        bounce(r, userUnknown(r), "dead-2");
        assertEquals("dead-2", state(r).suppression().eventId(), "a released address can be suppressed again");
    }

    @Test
    void everySpellingOfOneMailboxIsOneRecipient() {
        bounce("Taro@Example.JP", userUnknown("Taro@Example.JP"), null);
        assertEquals(Set.of("Taro@example.jp", "taro@example.jp", "TARO@example.jp"), ledger.check(List.of(
                address("Taro@example.jp"), address("<Taro@EXAMPLE.jp>"), address("taro@example.jp"),
                address("TARO@example.jp."), address("jiro@example.jp"))).keySet());
        assertEquals("taro@example.jp", state("TARO@EXAMPLE.JP").address().value());

        // a Unicode domain, its A-label, full-width dots and case: one row, two soft bounces in its run
        bounce("hanako@例え.jp", mailboxFull("hanako@例え.jp"), null);
        bounce("Hanako@XN--R8JZ45G.JP", mailboxFull("Hanako@XN--R8JZ45G.JP"), null);
        Recipient hanako = state("hanako@例え。jp");
        assertEquals("hanako@xn--r8jz45g.jp", hanako.address().value());
        assertEquals(2, hanako.consecutiveSoftBounces());
        assertEquals(2, ledger.view(address("HANAKO@xn--r8jz45g.jp"), 10, 10).orElseThrow().events().size());
    }

    @Test
    void withExactCaseTheLocalPartsAreTwoRecipientsButTheDomainsStillOne() {
        ledger.close();
        ledger = new Ledger(openEmptyStore(), clock, RETENTION_DAYS, AddressCase.EXACT);
        bounce("Taro@Example.JP", userUnknown("Taro@Example.JP"), null);
        assertEquals(Set.of("Taro@example.jp"), ledger.check(List.of(
                address("Taro@example.jp"), address("taro@example.jp"))).keySet());
        bounce("Ken@例え.jp", userUnknown("Ken@例え.jp"), null);
        assertEquals(Set.of("Ken@xn--r8jz45g.jp"), ledger.check(List.of(address("Ken@xn--r8jz45g.jp"),
                address("ken@xn--r8jz45g.jp"))).keySet());
    }

    @Test
    void theSuppressionListFiltersAndPagesWithoutLosingOrRepeatingEntries() {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String r = "user" + i + (i % 2 == 0 ? "@example.jp" : "@example.com");
            bounce(r, userUnknown(r), null);
            all.add(r);
        }
        Instant middle = clock.instant();
        bounce("late@example.jp", diagnostic("Feedback-Type: abuse"), null);
        all.add("late@example.jp");

        List<String> seen = new ArrayList<>();
        SuppressionQuery.Position next = null;
        int pages = 0;
        do {
            SuppressionPage page = ledger.suppressions(new SuppressionQuery(null, null, null, next, 3));
            assertEquals(all.size(), page.total());
            page.items().forEach(x -> seen.add(x.address().value()));
            next = page.next();
            pages++;
        } while (next != null);
        assertEquals(all, seen, "oldest first, each once");
        assertEquals(3, pages);

        SuppressionPage jp = ledger.suppressions(new SuppressionQuery("example.jp", null, null, null, 100));
        assertEquals(5, jp.total());
        assertTrue(jp.items().stream().allMatch(x -> x.address().domain().equals("example.jp")));
        SuppressionPage complaints = ledger.suppressions(new SuppressionQuery(null, "complaint", null, null, 100));
        assertEquals(List.of("late@example.jp"), complaints.items().stream().map(x -> x.address().value()).toList());
        SuppressionPage recent = ledger.suppressions(new SuppressionQuery(null, null, middle.plusMillis(1), null, 100));
        assertEquals(1, recent.total());
    }

    @Test
    void aCheckOfTenThousandAddressesFindsExactlyTheSuppressedOnes() {
        Set<String> suppressed = Set.of("a17@example.jp", "a5000@example.jp", "a9999@example.jp");
        suppressed.forEach(r -> bounce(r, userUnknown(r), null));
        bounce("a20@example.jp", mailboxFull("a20@example.jp"), null);
        List<EmailAddress> list = IntStream.range(0, Ledger.MAX_CHECK_ADDRESSES)
                .mapToObj(i -> address("a" + i + "@Example.JP")).toList();
        Map<String, Recipient> found = ledger.check(list);
        assertEquals(suppressed, found.keySet());
    }

    @Test
    void retentionPurgesOldEventsButKeepsSuppressionsAndTheAudit() {
        bounce("old@example.jp", userUnknown("old@example.jp"), "old-1");
        bounce("run@example.jp", mailboxFull("run@example.jp"), "old-2");
        ledger.release(address("old@example.jp"), "sato", "checked by phone");
        bounce("old@example.jp", userUnknown("old@example.jp"), "old-3");
        clock.advance(Duration.ofDays(RETENTION_DAYS).plusHours(1));
        bounce("new@example.jp", mailboxFull("new@example.jp"), "new-1");

        assertEquals(3, ledger.purgeExpiredEvents());
        assertTrue(ledger.view(address("old@example.jp"), 10, 10).orElseThrow().events().isEmpty());
        Recipient old = state("old@example.jp");
        assertEquals(RecipientState.SUPPRESSED, old.state());
        assertEquals("old-3", old.suppression().eventId(), "the suppression still says what caused it");
        assertEquals(1, ledger.view(address("old@example.jp"), 10, 10).orElseThrow().audit().size());
        assertEquals(1, state("run@example.jp").consecutiveSoftBounces());
        assertEquals(1, ledger.view(address("new@example.jp"), 10, 10).orElseThrow().events().size());
        assertEquals(0, ledger.purgeExpiredEvents());
    }

    @Test
    void concurrentSoftBouncesForOneRecipientAreCountedExactlyAndSuppressOnce() throws Exception {
        final int threads = 12;
        final int perThread = 2;
        String r = "busy@example.jp";
        String q = "quiet@example.jp";
        CyclicBarrier start = new CyclicBarrier(threads);
        ConcurrentLinkedQueue<Ledger.BounceRecorded> results = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        results.add(ledger.recordBounce(rules, mailboxFull(r), address(r), "t" + thread + "-" + i, LANG));
                    }
                    // a second recipient gets fewer than the threshold: its run must be exact too
                    if (thread < 4) {
                        ledger.recordBounce(rules, mailboxFull(q), address(q), "q" + thread, LANG);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertConcurrentOutcome(results, threads * perThread);
        assertEquals(RecipientState.SUPPRESSED, state(r).state());
        assertEquals(4, state(q).consecutiveSoftBounces());
        assertEquals(RecipientState.SOFT_BOUNCING, state(q).state());
    }

    /** Exactly one suppression, runs 1 to 4 each counted once, everything after it unchanged. */
    static void assertConcurrentOutcome(java.util.Collection<Ledger.BounceRecorded> results, int total) {
        assertEquals(total, results.size());
        Map<Effect, Long> effects = results.stream()
                .collect(Collectors.groupingBy(b -> b.recorded().event().effect(), Collectors.counting()));
        assertEquals(1L, effects.get(Effect.SUPPRESSED), effects.toString());
        assertEquals(4L, effects.get(Effect.COUNTED), effects.toString());
        assertEquals((long) total - 5, effects.getOrDefault(Effect.UNCHANGED, 0L), effects.toString());
        List<Integer> runs = results.stream().filter(b -> b.recorded().event().effect() == Effect.COUNTED)
                .map(b -> b.recorded().event().softBouncesAfter()).sorted().toList();
        assertEquals(List.of(1, 2, 3, 4), runs);
    }

    static TrafficSampleEntry sampled(String text, long count, Instant at) {
        return new TrafficSampleEntry(550, "5.1.1", text, "example.jp", null, "failed", 0, count, at, at);
    }

    @Test
    void theTrafficSampleAddsUpKeepsTheMostRecentAndForgetsTheOld() {
        TrafficSampleStore sample = ledger.trafficSample();
        Instant t = clock.instant();
        Instant longAgo = t.minus(Duration.ofDays(30));
        sample.add(List.of(sampled("550 5.1.1 <***@example.jp>: user unknown", 2, t),
                sampled("550 5.1.1 no such user", 1, t.plusSeconds(1))), 10, longAgo);
        sample.add(List.of(sampled("550 5.1.1 <***@example.jp>: user unknown", 3, t.plusSeconds(2))), 10, longAgo);

        List<TrafficSampleEntry> read = sample.read(10, Instant.EPOCH);
        assertEquals(2, read.size());
        TrafficSampleEntry unknown = read.get(0);
        assertEquals("550 5.1.1 <***@example.jp>: user unknown", unknown.diagnostic(), "the most recently seen first");
        assertEquals(5, unknown.count(), "the counts of one input add up");
        assertEquals(t, unknown.firstSeen());
        assertEquals(t.plusSeconds(2), unknown.lastSeen());
        assertEquals(550, unknown.smtpCode());
        assertEquals("example.jp", unknown.recipientDomain());

        // a third input in a sample of two: the least recently seen goes
        sample.add(List.of(sampled("550 5.1.1 mailbox unavailable", 1, t.plusSeconds(3))), 2, longAgo);
        assertEquals(List.of("550 5.1.1 mailbox unavailable", "550 5.1.1 <***@example.jp>: user unknown"),
                sample.read(10, Instant.EPOCH).stream().map(TrafficSampleEntry::diagnostic).toList());
        // past the retention: gone
        sample.add(List.of(), 2, t.plusSeconds(3));
        assertEquals(List.of("550 5.1.1 mailbox unavailable"),
                sample.read(10, Instant.EPOCH).stream().map(TrafficSampleEntry::diagnostic).toList());
        assertEquals(List.of(), sample.read(10, t.plusSeconds(4)), "read only what was seen since");
    }

    @Test
    void aRecentDryRunReplaysOnlyRecipientsWithRecentEventsAndChangesNothing(@TempDir Path tmp) throws Exception {
        for (int i = 1; i <= 3; i++) {
            bounce("old@example.jp", mailboxFull("old@example.jp"), "old-" + i);
        }
        clock.advance(Duration.ofDays(10));
        for (int i = 1; i <= 3; i++) {
            bounce("three@example.jp", mailboxFull("three@example.jp"), "three-" + i);
        }
        Path rulesDir = TestRules.copyOfRules(tmp);
        replaceIn(rulesDir.resolve("decision.drl"), "function int softBouncesInARowTreatedAsHard() { return 5; }",
                "function int softBouncesInARowTreatedAsHard() { return 3; }");
        try (org.bounceclassifier.service.CurrentRules edited = new org.bounceclassifier.service.CurrentRules(
                rulesDir, TestRules.CASES, false)) {
            assertTrue(edited.load().ok(), () -> edited.lastAttempt().summary());
            Reevaluation.Report recent = ledger.reevaluateRecent(edited.get(), clock.instant().minus(Duration.ofDays(1)),
                    100, LANG);
            assertTrue(recent.dryRun);
            assertEquals(1, recent.recipients, "old@ has no event in the last day");
            assertEquals(List.of("three@example.jp"), recent.wouldSuppress.examples);
            assertEquals(1, recent.eventsRewritten);
            assertEquals(RecipientState.SOFT_BOUNCING, state("three@example.jp").state(), "a dry run changes nothing");

            Reevaluation.Report both = ledger.reevaluateRecent(edited.get(), clock.instant().minus(Duration.ofDays(30)),
                    100, LANG);
            assertEquals(2, both.recipients);
            assertEquals(2, both.wouldSuppress.count);
            Reevaluation.Report bounded = ledger.reevaluateRecent(edited.get(),
                    clock.instant().minus(Duration.ofDays(30)), 1, LANG);
            assertEquals(1, bounded.recipients, "at most the recipients asked for");
            assertEquals(List.of("three@example.jp"), bounded.wouldSuppress.examples, "the most recent first");
        }
    }
}
