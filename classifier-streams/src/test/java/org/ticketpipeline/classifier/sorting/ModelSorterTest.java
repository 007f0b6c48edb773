package org.ticketpipeline.classifier.sorting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ticketpipeline.schemas.TicketKind;

/** The shipped model on tickets whose kind nobody would dispute. */
class ModelSorterTest {

    private static final Taxonomy TAXONOMY = Taxonomy.fromClasspath("/taxonomy.yml");
    private final ModelSorter sorter = new ModelSorter(KindModel.shipped(), () -> TAXONOMY);

    @Test
    void shouldSortACrashAsABugOfTheBuildWithTheWordsBehindIt() {
        Sorting sorting = sorter.sort("App crashes when saving\nThe app crashes with a NullPointerException every time I click save. Steps to reproduce: open a file, click save.");

        assertThat(sorting.kind()).as("%s", sorting.reasons()).isEqualTo(TicketKind.BUG);
        assertThat(sorting.level()).isEqualTo("build");
        assertThat(sorting.reasons()).anySatisfy(r -> assertThat(r).startsWith("model: bug"));
        assertThat(sorting.reasons()).anySatisfy(r -> assertThat(r).startsWith("traces to build"));
        assertThat(sorting.recommendedTier()).isEqualTo("L3");
    }

    @Test
    void shouldTraceABugThatAppearedAfterAnUpdateToTheRelease() {
        Sorting sorting = sorter.sort("Export broken since the update\nSince the update the CSV export fails with an error every time, it worked before.");

        assertThat(sorting.kind()).as("%s", sorting.reasons()).isEqualTo(TicketKind.BUG);
        assertThat(sorting.level()).isEqualTo("release");
        assertThat(sorting.theme()).isEqualTo("csv export times out");
    }

    @Test
    void shouldSortARequestAsBriefInputForTheProductOwner() {
        Sorting sorting = sorter.sort("Feature request: dark mode\nIt would be great to add a dark mode option to the editor.");

        assertThat(sorting.kind()).isEqualTo(TicketKind.BRIEF_INPUT);
        assertThat(sorting.level()).isNull();
        assertThat(sorting.recommendedTier()).isEqualTo("PRODUCT_OWNER");
    }

    @Test
    void shouldSortAHowToQuestionAsNoise() {
        Sorting sorting = sorter.sort("How do I change my password?\nHow can I change the password of my account? Is there a setting for it?");

        assertThat(sorting.kind()).isEqualTo(TicketKind.NOISE);
        assertThat(sorting.recommendedTier()).isEqualTo("L1");
    }

    @Test
    void shouldCallNoiseATicketWithNoWordTheModelKnows() {
        for (String blank : new String[] {"", "\n", " \n \t"}) {
            Sorting sorting = sorter.sort(blank);

            assertThat(sorting.kind()).as("%s", sorting.reasons()).isEqualTo(TicketKind.NOISE);
            assertThat(sorting.recommendedTier()).isEqualTo("L1");
            assertThat(sorting.reasons()).anySatisfy(r -> assertThat(r).contains("no word or pair of it is one the model has weights for"));
        }
    }

    @Test
    void shouldNotCallABugWhatTracesToNoChainLevel() {
        Sorting sorting = sorter.sort("bug\nbug bug bug");

        assertThat(sorting.level() == null).isEqualTo(sorting.kind() != TicketKind.BUG);
    }

    @Test
    void shouldTraceToTheBuildAProductThatDoesWhatItShouldNotOrNotWhatItShould() {
        assertThat(ChainLevel.of("The sidebar collapses unexpectedly when I open a file", java.util.Optional.empty()))
                .hasValueSatisfying(t -> assertThat(t.evidence()).contains("'unexpectedly'"));
        assertThat(ChainLevel.of("The invoice PDF is missing the VAT line", java.util.Optional.empty()))
                .hasValueSatisfying(t -> assertThat(t.level()).isEqualTo("build"));
        assertThat(ChainLevel.of("Unable to save a draft", java.util.Optional.empty())).isPresent();
        for (String says : java.util.List.of("shouldn't", "shouldnt", "should not", "couldn’t", "could not", "can not")) {
            assertThat(ChainLevel.of("The export " + says + " be this slow", java.util.Optional.empty())).as(says)
                    .hasValueSatisfying(t -> assertThat(t.level()).isEqualTo("build"));
        }
        assertThat(ChainLevel.of("I can not find the export button", java.util.Optional.empty()))
                .hasValueSatisfying(t -> assertThat(t.level()).isEqualTo("design"));
        for (String misbehaves : java.util.List.of("The dashboard is slow to load", "The export writes an invalid file",
                "Search shows duplicate results", "The totals are inconsistent between pages")) {
            assertThat(ChainLevel.of(misbehaves, java.util.Optional.empty())).as(misbehaves)
                    .hasValueSatisfying(t -> assertThat(t.level()).isEqualTo("build"));
        }
        assertThat(ChainLevel.of("We should notify the team", java.util.Optional.empty())).isEmpty();
        assertThat(ChainLevel.of("Please add a dark mode to the editor", java.util.Optional.empty())).isEmpty();
    }
}
