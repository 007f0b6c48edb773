package org.ticketpipeline.schemas.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.schemas.Release;
import org.ticketpipeline.schemas.Brief;
import org.ticketpipeline.schemas.Signature;
import org.ticketpipeline.schemas.SignatureRole;
import org.ticketpipeline.schemas.SupportHandoff;
import org.ticketpipeline.schemas.Tier1Answer;

class HandoffGateTest {

    private static SupportHandoff.Builder signed() {
        return SupportHandoff.newBuilder().setKnownIssues("Exports over 1 GB still time out.").setWorkarounds("Macro: export by month.")
                .setCustomerComms("Release note sent on Monday.").setEscalateTo("#ledger-oncall")
                .setSignatures(List.of(new Signature(SignatureRole.CS_LEAD, "Ana", null), new Signature(SignatureRole.PRODUCT_OWNER, "Ben", null),
                        new Signature(SignatureRole.DESIGNER, "Chi", null), new Signature(SignatureRole.TECH_LEAD, "Dev", null)));
    }

    private static Release release(SupportHandoff handoff) {
        return Release.newBuilder().setReleaseId("ledger-4.3.1").setProduct("ledger").setVersion("4.3.1")
                .setReleasedAt(Instant.parse("2026-11-24T09:00:00Z")).setBrief(Brief.newBuilder().setSummary("Faster PDF invoices").build())
                .setHandoff(handoff).build();
    }

    @Test
    void shouldAskTheIngestForATierOneQuestionAndStillWatchAReleaseForWhichNoneWasAsked() {
        Release noQuestion = release(signed().build());
        Release answered = release(signed().setTier1Answers(List.of(new Tier1Answer("Why does my PDF look different?", "New layout engine."))).build());

        assertThat(HandoffGate.missing(noQuestion)).extracting(HandoffGate.Missing::field, HandoffGate.Missing::sentence)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("handoff.tier1Answers", "Tier-1 questions: none asked. Name the questions "
                        + "a Tier-1 agent will hear first about this release, each with its answer."));
        assertThat(HandoffGate.missingToWatch(noQuestion)).as("a release the ingest took before it asked for one").isEmpty();
        assertThat(HandoffGate.missing(answered)).isEmpty();
        assertThat(HandoffGate.missingToWatch(release(signed().setEscalateTo(" ").build()))).extracting(HandoffGate.Missing::sentence)
                .containsExactly("Who to escalate to: not answered.");
    }
}
