package org.bounceclassifier.stream;

import io.vertx.core.json.JsonObject;

/**
 * One classification to produce on the out topic, keyed by the recipient so that one recipient's
 * answers land in one partition, in order.
 */
public record StreamAnswer(String recipient, JsonObject body) {
}
