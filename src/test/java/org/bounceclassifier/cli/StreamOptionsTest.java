package org.bounceclassifier.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code stream} refuses wrong options with what to fix, before compiling any rule. */
class StreamOptionsTest {
    private static final String[] REQUIRED = {"stream", "--bootstrap-servers", "127.0.0.1:9", "--in", "bounces",
            "--out", "classified", "--port", "0"};

    private static CliRun stream(String... more) {
        String[] args = new String[REQUIRED.length + more.length];
        System.arraycopy(REQUIRED, 0, args, 0, REQUIRED.length);
        System.arraycopy(more, 0, args, REQUIRED.length, more.length);
        return CliRun.of(args);
    }

    @Test
    void anUnknownInputKindIsRefused() {
        CliRun r = stream("--input", "xml");
        assertEquals(ServeCommand.EXIT_INPUT_FAILED, r.exit(), r.err());
        assertTrue(r.err().contains("--input must be json, message or log, not xml"), r.err());
    }

    @Test
    void logLinesNeedAKnownFormat() {
        CliRun none = stream("--input", "log");
        assertEquals(ServeCommand.EXIT_INPUT_FAILED, none.exit(), none.err());
        assertTrue(none.err().contains("--input log needs --format postfix, exim, sendmail, kumomta or pmta"),
                none.err());
        CliRun wrong = stream("--input", "log", "--format", "qmail");
        assertTrue(wrong.err().contains("not qmail"), wrong.err());
        CliRun stray = stream("--format", "postfix");
        assertTrue(stray.err().contains("goes with --input log only"), stray.err());
    }

    @Test
    void theTopicsAreRequired() {
        CliRun r = CliRun.of("stream", "--bootstrap-servers", "127.0.0.1:9");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--in") && r.err().contains("--out"), r.err());
    }
}
