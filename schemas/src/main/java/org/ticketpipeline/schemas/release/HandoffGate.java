package org.ticketpipeline.schemas.release;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.ticketpipeline.schemas.Release;
import org.ticketpipeline.schemas.Signature;
import org.ticketpipeline.schemas.SignatureRole;
import org.ticketpipeline.schemas.SupportHandoff;
import org.ticketpipeline.schemas.Tier1Answer;

/**
 * Holds the release-to-support handoff: a release is taken only when support can answer a Tier-1
 * agent's first questions (known issues, macros or workarounds, customer comms, who to escalate to,
 * every question support asked, and at least one asked) and the CS lead and the trio signed. What is missing is said in
 * plain words, one line each, so the release can be completed and sent again. The ingest refuses a
 * release it holds; the classifier watches none (a release written straight to Kafka passes no ingest).
 */
public final class HandoffGate {

    private HandoffGate() {
    }

    /** One missing answer: the field it belongs to and the sentence a person reads. */
    public record Missing(String field, String sentence) {
    }

    /** What a release's handoff leaves open, for the ingest to take it. */
    public static List<Missing> missing(Release release) {
        return missing(release.getHandoff());
    }

    /**
     * What a release's handoff leaves open, for the classifier to watch it: the same, except that a handoff
     * that names no Tier-1 question is watched, as a release the ingest took before it asked for one
     * would otherwise stop being watched at the upgrade.
     */
    public static List<Missing> missingToWatch(Release release) {
        return missing(release.getHandoff(), false);
    }

    /** What a handoff leaves open (null: not given): for a release whose other fields are not valid yet either. */
    public static List<Missing> missing(SupportHandoff handoff) {
        return missing(handoff, true);
    }

    private static List<Missing> missing(SupportHandoff handoff, boolean aQuestionAsked) {
        List<Missing> missing = new ArrayList<>();
        if (handoff == null) {
            missing.add(new Missing("handoff", "Support handoff: not given. Support needs known issues, macros or workarounds, "
                    + "customer comms, who to escalate to, and the signatures of the CS lead and the trio."));
            return missing;
        }
        answered(missing, "handoff.knownIssues", "Known issues", handoff.getKnownIssues());
        answered(missing, "handoff.workarounds", "Macros or workarounds", handoff.getWorkarounds());
        answered(missing, "handoff.customerComms", "Customer comms", handoff.getCustomerComms());
        answered(missing, "handoff.escalateTo", "Who to escalate to", handoff.getEscalateTo());
        List<Tier1Answer> answers = handoff.getTier1Answers();
        if (aQuestionAsked && answers.isEmpty()) {
            // the CS lead's part of the handoff: sit with the trio, ask what a Tier-1 agent will be asked first, refuse what leaves it open
            missing.add(new Missing("handoff.tier1Answers", "Tier-1 questions: none asked. Name the questions a Tier-1 agent will hear "
                    + "first about this release, each with its answer."));
        }
        for (int i = 0; i < answers.size(); i++) {
            Tier1Answer qa = answers.get(i);
            if (qa.getAnswer() == null || qa.getAnswer().isBlank()) {
                missing.add(new Missing("handoff.tier1Answers[" + i + "].answer",
                        "What should Tier 1 say when a customer asks: " + qa.getQuestion().strip() + " Not answered."));
            }
        }
        Set<SignatureRole> signed = EnumSet.noneOf(SignatureRole.class);
        for (Signature s : handoff.getSignatures()) {
            if (s.getName() != null && !s.getName().isBlank()) {
                signed.add(s.getRole());
            }
        }
        signature(missing, signed, SignatureRole.CS_LEAD, "the CS lead");
        signature(missing, signed, SignatureRole.PRODUCT_OWNER, "the product owner");
        signature(missing, signed, SignatureRole.DESIGNER, "the designer");
        signature(missing, signed, SignatureRole.TECH_LEAD, "the tech lead");
        return missing;
    }

    private static void answered(List<Missing> missing, String field, String label, String value) {
        if (value == null || value.isBlank()) {
            missing.add(new Missing(field, label + ": not answered."));
        }
    }

    private static void signature(List<Missing> missing, Set<SignatureRole> signed, SignatureRole role, String who) {
        if (!signed.contains(role)) {
            missing.add(new Missing("handoff.signatures", "Signature of " + who + ": missing."));
        }
    }
}
