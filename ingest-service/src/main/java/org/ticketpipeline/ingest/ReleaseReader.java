package org.ticketpipeline.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ticketpipeline.schemas.Brief;
import org.ticketpipeline.schemas.PredictedTheme;
import org.ticketpipeline.schemas.Release;
import org.ticketpipeline.schemas.Signature;
import org.ticketpipeline.schemas.SignatureRole;
import org.ticketpipeline.schemas.Strength;
import org.ticketpipeline.schemas.SupportHandoff;
import org.ticketpipeline.schemas.Tier1Answer;
import org.ticketpipeline.schemas.release.ThemeKey;

/** Turns the JSON of {@code POST /v1/releases} into a {@link Release}, or the list of what is wrong with it. */
@Singleton
class ReleaseReader {

    /**
     * How many of each list a release takes: with each text at its cap, more would outgrow a Kafka record,
     * which the publisher refuses anyway, but as the release's size rather than the list that made it.
     */
    static final int MAX_PREDICTED_THEMES = 50;
    static final int MAX_TIER1_ANSWERS = 100;
    static final int MAX_SIGNATURES = 20;

    private final IngestSettings settings;

    ReleaseReader(IngestSettings settings) {
        this.settings = settings;
    }

    /** @param handoff the handoff as given (null when absent or not an object), also when other fields are not valid */
    record Result(Release release, List<FieldError> errors, SupportHandoff handoff) {
        Result(Release release, List<FieldError> errors) {
            this(release, errors, release == null ? null : release.getHandoff());
        }
    }

    /** How far ahead a release may be dated: a year, beyond any release plan a handoff is signed for. */
    static final java.time.Duration FURTHEST_AHEAD = java.time.Duration.ofDays(366);
    /**
     * How far back a release can be dated and still be watched, with the classifier's default window (48 hours),
     * background (7 days) and grace (an hour): a product's tickets are not kept longer for a release to come.
     */
    static final java.time.Duration WATCHED_BACK = java.time.Duration.ofDays(9).plusHours(1);

    /**
     * What the answer tells of a release dated further back than a watch can reach, or null. Taken all the same (the
     * classifier's settings may reach further, and the record is the team's), but not with a silent "accepted" that
     * a reading never follows.
     */
    static String tooOldToWatch(Instant releasedAt, Instant now) {
        if (!releasedAt.isBefore(now.minus(WATCHED_BACK))) {
            return null;
        }
        return "released " + java.time.Duration.between(releasedAt, now).toDays() + " days ago: no watch will be made of it, as the tickets"
                + " of a release's first 48 hours and the 7 days before are kept 9 days and an hour (the classifier's defaults); kept in"
                + " releases, but no release reading will come (is the date right?)";
    }

    Result read(JsonNode json) {
        List<FieldError> errors = new ArrayList<>();
        if (!json.isObject()) {
            errors.add(new FieldError("", "a release must be a JSON object, got " + JsonFields.describe(json)));
            return new Result(null, errors);
        }
        JsonFields f = new JsonFields(json, "", settings.getMaxTextLength(), errors)
                .onlyFields("a release", List.of("releaseId", "product", "version", "releasedAt", "brief", "handoff"));
        // stripped as every id is: "ledger-4.3.0 " from a padded column is the release a subscription names "ledger-4.3.0"
        String releaseId = f.requiredId("releaseId");
        String product = f.requiredProduct("product");
        String version = f.requiredId("version");
        Instant releasedAt = f.requiredInstant("releasedAt");
        if (releasedAt != null && releasedAt.isAfter(Instant.now().plus(FURTHEST_AHEAD))) {
            // its watch would sit open for years; most likely the year is mistyped
            errors.add(new FieldError("releasedAt", "'" + releasedAt + "' is more than a year ahead: a release is sent when its date is"
                    + " known, not years before (is the year right?)"));
        }
        Brief brief = null;
        if (!f.has("brief")) {
            errors.add(new FieldError("brief", "is required: what changed and which themes the first 48 hours should show"));
        } else {
            brief = brief(f.child("brief"), json.get("brief"));
        }
        SupportHandoff handoff = json.hasNonNull("handoff") ? handoff(f.child("handoff"), json.get("handoff")) : null;
        if (!errors.isEmpty()) {
            return new Result(null, errors, handoff);
        }
        return new Result(Release.newBuilder()
                .setReleaseId(releaseId)
                .setProduct(product)
                .setVersion(version)
                .setReleasedAt(releasedAt)
                .setBrief(brief)
                .setHandoff(handoff)
                .build(), errors);
    }

    private Brief brief(JsonFields f, JsonNode json) {
        if (!json.isObject()) {
            f.errors().add(new FieldError("brief", "must be an object with summary and predictedThemes"));
            return null;
        }
        f.onlyFields("a brief", List.of("summary", "predictedThemes"));
        String summary = f.requiredString("summary");
        List<PredictedTheme> predicted = new ArrayList<>();
        JsonNode themes = json.get("predictedThemes");
        if (themes != null && !themes.isNull()) {
            if (!themes.isArray()) {
                f.errors().add(new FieldError(f.path("predictedThemes"), "must be an array of {theme, strength}"));
            } else if (themes.size() > MAX_PREDICTED_THEMES) {
                f.errors().add(new FieldError(f.path("predictedThemes"), "holds " + themes.size() + " themes; at most "
                        + MAX_PREDICTED_THEMES + " are taken (a prediction names the few themes expected)"));
            } else {
                java.util.Map<String, Integer> firstByKey = new java.util.HashMap<>();
                for (int i = 0; i < themes.size(); i++) {
                    JsonFields theme = new JsonFields(themes.get(i), f.path("predictedThemes") + "[" + i + "]",
                            settings.getMaxTextLength(), f.errors());
                    if (!theme.isObject("{theme, strength}")) {
                        continue;
                    }
                    theme.onlyFields("a predicted theme", List.of("theme", "strength"));
                    // a theme's name keys windows and readings: one line, the cap of a name
                    String name = theme.requiredId("theme");
                    Strength strength = theme.requiredEnum("strength", Strength.class);
                    Integer first = name == null ? null : firstByKey.putIfAbsent(ThemeKey.of(name), i);
                    if (first != null) {
                        // the watch matches themes whatever their case and spacing, and would keep one strength of the two
                        f.errors().add(new FieldError(f.path("predictedThemes") + "[" + i + "].theme", "repeats predictedThemes[" + first
                                + "] ('" + themes.get(first).path("theme").asText() + "'), whatever the case and spacing: name each theme once"));
                    } else if (name != null && strength != null) {
                        predicted.add(new PredictedTheme(name, strength));
                    }
                }
            }
        }
        return summary == null ? null : new Brief(summary, predicted);
    }

    private SupportHandoff handoff(JsonFields f, JsonNode json) {
        if (!json.isObject()) {
            f.errors().add(new FieldError("handoff", "must be an object"));
            return null;
        }
        f.onlyFields("a handoff", List.of("knownIssues", "workarounds", "customerComms", "escalateTo", "tier1Answers", "signatures"));
        List<Tier1Answer> answers = new ArrayList<>();
        JsonNode qa = json.get("tier1Answers");
        if (qa != null && qa.isArray() && qa.size() > MAX_TIER1_ANSWERS) {
            f.errors().add(new FieldError(f.path("tier1Answers"), "holds " + qa.size() + " questions; at most " + MAX_TIER1_ANSWERS + " are taken"));
        } else if (qa != null && qa.isArray()) {
            for (int i = 0; i < qa.size(); i++) {
                JsonFields item = new JsonFields(qa.get(i), f.path("tier1Answers") + "[" + i + "]", settings.getMaxTextLength(), f.errors());
                if (!item.isObject("{question, answer}")) {
                    continue;
                }
                item.onlyFields("a tier-1 answer", List.of("question", "answer"));
                String question = item.requiredString("question");
                String answer = item.optionalString("answer");
                if (question != null) {
                    answers.add(new Tier1Answer(question, answer));
                }
            }
        } else if (qa != null && !qa.isNull()) {
            f.errors().add(new FieldError(f.path("tier1Answers"), "must be an array of {question, answer}"));
        }
        List<Signature> signatures = new ArrayList<>();
        JsonNode signed = json.get("signatures");
        if (signed != null && signed.isArray() && signed.size() > MAX_SIGNATURES) {
            f.errors().add(new FieldError(f.path("signatures"), "holds " + signed.size() + " signatures; at most " + MAX_SIGNATURES + " are taken"));
        } else if (signed != null && signed.isArray()) {
            for (int i = 0; i < signed.size(); i++) {
                JsonFields item = new JsonFields(signed.get(i), f.path("signatures") + "[" + i + "]", settings.getMaxTextLength(), f.errors());
                if (!item.isObject("{role, name, signedAt}")) {
                    continue;
                }
                item.onlyFields("a signature", List.of("role", "name", "signedAt"));
                SignatureRole role = item.requiredEnum("role", SignatureRole.class);
                String name = item.requiredId("name");
                Instant at = item.optionalInstant("signedAt");
                if (role != null && name != null) {
                    signatures.add(new Signature(role, name, at));
                }
            }
        } else if (signed != null && !signed.isNull()) {
            f.errors().add(new FieldError(f.path("signatures"), "must be an array of {role, name, signedAt}"));
        }
        return new SupportHandoff(f.optionalString("knownIssues"), f.optionalString("workarounds"),
                f.optionalString("customerComms"), f.optionalString("escalateTo"), answers, signatures);
    }
}
