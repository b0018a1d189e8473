package org.bounceclassifier.cli;

import java.time.Duration;
import org.bounceclassifier.ledger.Ledger;
import org.bounceclassifier.logs.LogFormat;
import org.bounceclassifier.service.CurrentRules;
import org.bounceclassifier.service.ServiceMetrics;
import org.bounceclassifier.stream.BounceStream;
import org.bounceclassifier.stream.StreamConfig;
import org.bounceclassifier.stream.StreamInput;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The service with a Kafka topic as its way in: every option of {@code serve} (rules, gate, hot
 * reload, ledger, HTTP for /health, /ready, /metrics and the API), plus a consumer that classifies
 * the in topic's bounce events, records them and produces the answers.
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
        description = "Classifies bounce events from a Kafka topic into another, recording them in the ledger.")
final class StreamCommand extends ServeCommand {
    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOSTS",
            defaultValue = "${env:BOUNCE_KAFKA_BOOTSTRAP_SERVERS}",
            description = "Kafka brokers to start from, host:port[,host:port...] (env BOUNCE_KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = "--in", required = true, paramLabel = "TOPIC", description = "Topic of bounce events to classify.")
    String inTopic;

    @Option(names = "--out", required = true, paramLabel = "TOPIC",
            description = "Topic the classifications go to, one record per recipient, keyed by the recipient.")
    String outTopic;

    @Option(names = "--dead-letter", paramLabel = "TOPIC",
            description = "Topic for records that can never be handled, with the reason in headers (default: IN.dead-letter).")
    String deadLetterTopic;

    @Option(names = "--group", paramLabel = "ID", defaultValue = "bounce-classifier",
            description = "Consumer group; instances with one group share the in topic's partitions (default: ${DEFAULT-VALUE}).")
    String groupId;

    @Option(names = "--input", paramLabel = "KIND", defaultValue = "json",
            description = "What the in topic's records hold: json (the body of POST /v1/bounces), message (a raw bounce "
                    + "e-mail) or log (one MTA log line; name the MTA with --format) (default: ${DEFAULT-VALUE}).")
    String input;

    @Option(names = "--format", paramLabel = "MTA",
            description = "With --input log: postfix, exim, sendmail, kumomta or pmta.")
    String format;

    @Option(names = "--retry-backoff-ms", defaultValue = "2000",
            description = "Pause before reading a record again when the ledger cannot record it (default: ${DEFAULT-VALUE}).")
    long retryBackoffMillis;

    @Option(names = "--workers", defaultValue = "8",
            description = "Partitions handled side by side by this instance (default: ${DEFAULT-VALUE}).")
    int workers;

    @Override
    String checkAlongsideOptions() {
        StreamInput kind = StreamInput.fromId(input).orElse(null);
        if (kind == null) {
            return "--input must be json, message or log, not " + input;
        }
        if (kind == StreamInput.LOG && (format == null || LogFormat.fromId(format).isEmpty())) {
            return "--input log needs --format postfix, exim, sendmail, kumomta or pmta"
                    + (format == null ? "" : ", not " + format);
        }
        if (kind != StreamInput.LOG && format != null) {
            return "--format names an MTA log format: it goes with --input log only";
        }
        if (workers < 1) {
            return "--workers must be at least 1";
        }
        if (retryBackoffMillis < 1) {
            return "--retry-backoff-ms must be at least 1";
        }
        return null;
    }

    @Override
    AutoCloseable startAlongside(CurrentRules rules, Ledger ledger, ServiceMetrics metrics, String lang) {
        StreamInput kind = StreamInput.fromId(input).orElseThrow();
        LogFormat logFormat = kind == StreamInput.LOG ? LogFormat.fromId(format).orElseThrow() : null;
        StreamConfig config = new StreamConfig(bootstrapServers, inTopic, outTopic,
                deadLetterTopic == null ? inTopic + ".dead-letter" : deadLetterTopic, groupId,
                Duration.ofMillis(retryBackoffMillis), workers);
        BounceStream stream = BounceStream.create(config, kind, logFormat, rules::get, ledger, lang,
                metrics.registry(), metrics::sampled);
        Thread thread = new Thread(stream, "stream");
        thread.start();
        return stream;
    }
}
