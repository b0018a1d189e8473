package org.bounceclassifier.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Comparator;
import java.util.Map;
import org.bounceclassifier.engine.RuleInfo;
import org.bounceclassifier.engine.RuleSet;
import org.bounceclassifier.service.LoadAttempt;

/** The JSON shape of {@code GET /v1/rules}: what is loaded and how the last load went. */
public final class RulesJson {
    private RulesJson() {
    }

    /** @param firings how often each rule fired since start, by name (rules absent have not fired) */
    public static JsonObject toJson(RuleSet rules, LoadAttempt last, Map<String, Long> firings) {
        JsonObject body = new JsonObject();
        if (rules != null) {
            JsonArray files = new JsonArray();
            rules.files().forEach(f -> files.add(new JsonObject()
                    .put("path", f.path()).put("sha256", f.sha256()).put("rules", f.rules())));
            JsonArray ruleList = new JsonArray();
            rules.rules().values().stream()
                    .sorted(Comparator.comparing(RuleInfo::file).thenComparingInt(RuleInfo::line))
                    .forEach(r -> ruleList.add(new JsonObject()
                            .put("name", r.name())
                            .put("file", r.file())
                            .put("line", r.line())
                            .put("phase", r.phase())
                            .put("source", r.source())
                            .put("firings", firings.getOrDefault(r.name(), 0L))
                            .put("examples", new JsonArray(r.examples()))));
            body.put("rulesVersion", rules.version())
                    .put("loadedAt", rules.loadedAt().toString())
                    .put("ruleCount", rules.ruleCount())
                    .put("files", files)
                    .put("rules", ruleList);
        }
        body.put("lastAttempt", attempt(last));
        return body;
    }

    public static JsonObject attempt(LoadAttempt last) {
        if (last == null) {
            return null;
        }
        JsonArray errors = new JsonArray();
        last.problems().forEach(p -> errors.add(new JsonObject()
                .put("file", p.file()).put("line", p.line()).put("message", p.message())));
        JsonArray failed = new JsonArray();
        last.failedChecks().forEach(r -> failed.add(new JsonObject()
                .put("check", r.title()).put("message", r.message())));
        return new JsonObject()
                .put("status", last.ok() ? "ok" : "failed")
                .put("trigger", last.trigger())
                .put("at", last.at().toString())
                .put("durationMillis", last.durationMillis())
                .put("rulesVersion", last.version())
                .put("errors", errors)
                .put("failedChecks", failed)
                .put("unexercisedRules", new JsonArray(last.unexercisedRules()))
                .put("refusal", last.refusal())
                .put("impact", ImpactJson.toJson(last.impact()));
    }
}
