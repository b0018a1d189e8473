package org.bounceclassifier.stream;

import io.vertx.core.json.JsonObject;

/**
 * Where a record was read: topic, partition and offset name it exactly, so a record read again
 * after a crash or a rebalance gets the same event id and the ledger counts it once. The record's
 * timestamp goes out with the answer, so a consumer of the out topic can measure end-to-end lag.
 */
public record RecordSource(String topic, int partition, long offset, long timestamp) {
    /** The ledger's event id for this record (and recipient, when one record names several). */
    String eventId(String recipient) {
        return "kafka:" + topic + "/" + partition + "/" + offset + (recipient == null ? "" : " " + recipient);
    }

    JsonObject toJson() {
        return new JsonObject().put("topic", topic).put("partition", partition).put("offset", offset)
                .put("timestamp", timestamp);
    }
}
