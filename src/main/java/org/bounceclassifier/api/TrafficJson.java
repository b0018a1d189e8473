package org.bounceclassifier.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;
import org.bounceclassifier.engine.Category;
import org.bounceclassifier.service.TrafficRecorder;
import org.bounceclassifier.service.UnknownText;

/** The JSON shape of {@code GET /v1/traffic} (README, "HTTP API"). */
public final class TrafficJson {
    private TrafficJson() {
    }

    public static JsonObject toJson(TrafficRecorder.Snapshot s) {
        JsonArray minutes = new JsonArray();
        for (TrafficRecorder.Minute m : s.minutes()) {
            minutes.add(new JsonObject()
                    .put("start", m.start().toString())
                    .put("total", m.total())
                    .put("counts", counts(m.counts()))
                    .put("sources", counts(m.sources())));
        }
        Map<String, Integer> totals = s.totals();
        int total = totals.values().stream().mapToInt(Integer::intValue).sum();
        int unknown = totals.getOrDefault(Category.UNKNOWN.id(), 0);
        JsonArray texts = new JsonArray();
        for (UnknownText t : s.unknownTexts()) {
            texts.add(new JsonObject()
                    .put("text", t.text())
                    .put("smtpCode", t.smtpCode())
                    .put("enhancedStatus", t.enhancedStatus())
                    .put("count", t.count())
                    .put("guaranteedCount", t.guaranteed())
                    .put("firstSeen", time(t.firstSeen()))
                    .put("lastSeen", time(t.lastSeen()))
                    .put("rulesVersion", t.rulesVersion()));
        }
        return new JsonObject()
                .put("at", time(s.at()))
                .put("windowMinutes", TrafficRecorder.WINDOW_MINUTES)
                .put("minutes", minutes)
                .put("totals", counts(totals))
                .put("sources", counts(s.sourceTotals()))
                .put("total", total)
                .put("unknown", unknown)
                .put("unknownShare", total == 0 ? null : (double) unknown / total)
                .put("unknownTexts", new JsonObject()
                        .put("since", time(s.since()))
                        .put("tracked", s.unknownTextsTracked())
                        .put("capacity", s.unknownTextsCapacity())
                        .put("top", texts));
    }

    private static JsonObject counts(Map<String, Integer> counts) {
        JsonObject json = new JsonObject();
        counts.forEach(json::put);
        return json;
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }
}
