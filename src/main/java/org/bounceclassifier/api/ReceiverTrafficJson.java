package org.bounceclassifier.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import org.bounceclassifier.service.ReceiverTraffic;
import org.bounceclassifier.service.SpikeRule;

/** The JSON shape of {@code GET /v1/traffic/receivers} (docs/console.md, "Traffic by receiver"). */
public final class ReceiverTrafficJson {
    /** Hours reported when the request does not say. */
    public static final int DEFAULT_HOURS = 24;

    private ReceiverTrafficJson() {
    }

    /**
     * The {@code hours} parameter: null for the default.
     *
     * @throws InputException when it is not a whole number of hours in range
     */
    public static int hours(String value) throws InputException {
        if (value == null || value.isEmpty()) {
            return DEFAULT_HOURS;
        }
        try {
            int hours = Integer.parseInt(value.trim());
            if (hours >= 1 && hours <= ReceiverTraffic.MAX_HOURS) {
                return hours;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InputException("invalid_parameter", "hours must be a whole number from 1 to "
                + ReceiverTraffic.MAX_HOURS + " (the last hours to report, the current one included), not " + value);
    }

    public static JsonObject toJson(ReceiverTraffic.Report r) {
        SpikeRule rule = r.rule();
        JsonArray providers = new JsonArray();
        for (ReceiverTraffic.Provider p : r.providers()) {
            JsonObject counts = new JsonObject();
            p.counts().forEach(counts::put);
            providers.add(new JsonObject()
                    .put("id", p.id())
                    .put("name", p.name())
                    .put("total", p.total())
                    .put("counts", counts)
                    .put("hourly", numbers(p.hourly()))
                    .put("blockedHourly", numbers(p.blockedHourly()))
                    .put("recent", window(p.recent()))
                    .put("baseline", window(p.baseline()))
                    .put("spike", p.spike()));
        }
        return new JsonObject()
                .put("at", r.at().toString())
                .put("hours", times(r.hours()))
                .put("storage", r.storage())
                .put("retentionDays", r.retention().toDays())
                .put("spikeRule", new JsonObject()
                        .put("categories", new JsonArray(rule.categories().stream().sorted().toList()))
                        .put("recentHours", rule.recentHours())
                        .put("baselineHours", rule.baselineHours())
                        .put("minimum", rule.minimum())
                        .put("rise", rule.rise()))
                .put("providers", providers);
    }

    private static JsonObject window(ReceiverTraffic.Window w) {
        return new JsonObject()
                .put("from", w.from().toString())
                .put("to", w.to().toString())
                .put("total", w.total())
                .put("blocked", w.blocked())
                .put("blockedShare", w.total() == 0 ? null : w.share());
    }

    private static JsonArray numbers(long[] values) {
        JsonArray out = new JsonArray();
        for (long v : values) {
            out.add(v);
        }
        return out;
    }

    private static JsonArray times(List<Instant> times) {
        JsonArray out = new JsonArray();
        times.forEach(t -> out.add(t.toString()));
        return out;
    }
}
