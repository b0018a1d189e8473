package org.bounceclassifier.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bounceclassifier.TestRules;
import org.bounceclassifier.engine.Classification;
import org.bounceclassifier.ledger.Ledger;
import org.bounceclassifier.ledger.LedgerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bounce that arrives on the Kafka stream feeds the traffic sample like every other way in; a replay does not. */
class RecordClassifierSampleTest {

    @Test
    void aRecordedBounceIsSampledOnceAndItsReplayIsNot(@TempDir Path dir) throws Exception {
        List<Classification> sampled = new ArrayList<>();
        try (Ledger ledger = Ledger.open(new LedgerConfig(dir, null, null, null, 90))) {
            RecordClassifier classifier = new RecordClassifier(StreamInput.JSON, null, TestRules::bundled, ledger, "en",
                    sampled::add);
            byte[] record = "{\"recipient\": \"taro@example.jp\", \"diagnostic\": \"550 5.1.1 User unknown\"}"
                    .getBytes(StandardCharsets.UTF_8);
            RecordSource at = new RecordSource("bounces", 0, 7, 0);
            classifier.handle(at, record);
            classifier.handle(at, record);
        }
        assertEquals(1, sampled.size(), "the same record again is a duplicate: sampled once");
        assertEquals("bad_mailbox", sampled.get(0).category().id());
    }
}
