package org.bounceclassifier.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.bounceclassifier.evaluation.Evaluation;
import org.bounceclassifier.evaluation.RowOutcome;
import org.bounceclassifier.evaluation.Scoreboard;
import org.bounceclassifier.mail.ClassifiedMessage;

/** The JSON forms of an evaluation: the summary ({@code --json}) and the lines of a detail file. */
public final class EvaluationJson {
    /** How much of the text the rules matched a detail line keeps: enough to see the wording. */
    private static final int MAX_TEXT_CHARS = 400;

    private EvaluationJson() {
    }

    public static JsonObject summary(Scoreboard b) {
        JsonArray confusion = new JsonArray();
        b.confusion().forEach(c -> confusion.add(new JsonObject().put("reason", c.reason()).put("answer", c.answer())
                .put("agrees", c.agrees()).put("rows", c.rows()).put("example", c.example())));
        JsonArray layouts = new JsonArray();
        b.layouts().forEach(l -> layouts.add(new JsonObject().put("layout", l.layout()).put("rows", l.rows())
                .put("categoryAgreements", l.category()).put("typeAgreements", l.type())));
        return new JsonObject()
                .put("files", b.files())
                .put("unlabelledFiles", b.unlabelledFiles())
                .put("recipientsExpected", b.rows())
                .put("recipientsFound", b.found())
                .put("extraResults", b.extraResults())
                .put("categoryAgreements", b.categoryAgreements())
                .put("typeAgreements", b.typeAgreements())
                .put("falseHard", b.falseHard())
                .put("falseSoft", b.falseSoft())
                .put("answered", b.answered())
                .put("unknown", b.unknown())
                .put("categoryPercent", round(Scoreboard.percent(b.categoryAgreements(), b.rows())))
                .put("hardSoftPercent", round(Scoreboard.percent(b.typeAgreements(), b.rows())))
                .put("foundPercent", round(Scoreboard.percent(b.found(), b.rows())))
                .put("unknownPercent", round(Scoreboard.percent(b.unknown(), b.answered())))
                .put("confusion", confusion)
                .put("layouts", layouts)
                .put("closingLine", b.closingLine());
    }

    /** One line per labelled row of the file, then one per result no row named. */
    public static JsonArray detail(Evaluation.FileOutcome f) {
        JsonArray lines = new JsonArray();
        for (RowOutcome o : f.rows()) {
            JsonObject line = new JsonObject()
                    .put("file", f.file())
                    .put("layout", o.layout())
                    .put("recipient", o.row().recipient())
                    .put("reason", o.row().reason())
                    .put("status", o.row().status())
                    .put("expectedType", o.row().expectedType().id())
                    .put("found", o.found())
                    .put("categoryAgrees", o.categoryAgrees())
                    .put("typeAgrees", o.typeAgrees())
                    .put("falseHard", o.falseHard())
                    .put("falseSoft", o.falseSoft());
            if (o.result() != null) {
                result(line, o.result());
            }
            lines.add(line);
        }
        for (ClassifiedMessage.Result r : f.unpaired()) {
            lines.add(result(new JsonObject().put("file", f.file()).put("layout", layoutOf(f)).put("unlabelled", true),
                    r));
        }
        return lines;
    }

    /** An answer line without labels: the file, how it was read, and the result as the API gives it. */
    public static JsonObject answer(String file, ClassifiedMessage message, ClassifiedMessage.Result r) {
        JsonObject line = new JsonObject().put("file", file).put("messageKind", message.kind().id())
                .put("layout", message.layout());
        if (r != null) {
            line.put("recipient", r.recipient().recipient()).put("reportingMta", r.recipient().reportingMta());
            ClassificationJson.toJson(r.classification()).forEach(e -> line.put(e.getKey(), e.getValue()));
        }
        return line;
    }

    private static JsonObject result(JsonObject line, ClassifiedMessage.Result r) {
        String text = r.classification().evidence().getText();
        return line.put("gotRecipient", r.recipient().recipient())
                .put("category", r.classification().category().id())
                .put("bounceType", r.classification().bounceType().id())
                .put("action", r.classification().action().id())
                .put("smtpCode", r.classification().smtpCode())
                .put("enhancedStatus", r.classification().enhancedStatus())
                .put("matchedRules", new JsonArray(r.classification().matchedRuleNames()))
                .put("text", text == null || text.length() <= MAX_TEXT_CHARS ? text : text.substring(0, MAX_TEXT_CHARS));
    }

    private static String layoutOf(Evaluation.FileOutcome f) {
        return f.message() == null ? "missing" : Evaluation.layoutOf(f.message());
    }

    private static double round(double percent) {
        return Math.round(percent * 10) / 10.0;
    }
}
