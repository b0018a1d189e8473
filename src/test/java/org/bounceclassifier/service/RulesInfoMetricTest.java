package org.bounceclassifier.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bounceclassifier.TestRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bounce_rules_info{version}} names the served rules' content hash, and only the served one. */
class RulesInfoMetricTest {
    @Test
    void theMetricFollowsTheServedVersionAcrossAReload(@TempDir Path tmp) throws Exception {
        Path rulesDir = TestRules.copyOfRules(tmp.resolve("rules"));
        ServiceMetrics metrics = new ServiceMetrics();
        try (CurrentRules rules = new CurrentRules(rulesDir, TestRules.copyOfCases(tmp.resolve("cases")), false)) {
            rules.onAttempt(metrics::reloaded);
            assertTrue(rules.load().ok());
            String first = rules.get().version();
            assertTrue(metrics.registry().scrape().contains("bounce_rules_info{version=\"" + first + "\"} 1"),
                    metrics.registry().scrape());
            Path en = rulesDir.resolve("messages/en.yaml");
            Files.writeString(en, Files.readString(en) + "\n# edited\n");
            assertTrue(rules.load().ok());
            String second = rules.get().version();
            String scrape = metrics.registry().scrape();
            assertTrue(scrape.contains("bounce_rules_info{version=\"" + second + "\"} 1"), scrape);
            assertFalse(scrape.contains(first), "the replaced version is gone: " + scrape);
        }
    }
}
