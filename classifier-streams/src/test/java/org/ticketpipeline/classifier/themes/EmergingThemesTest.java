package org.ticketpipeline.classifier.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.classifier.state.ThemeCluster;
import org.ticketpipeline.classifier.text.BatchEncoder;
import org.ticketpipeline.classifier.text.SentenceEmbedder;

class EmergingThemesTest {

    private static final BatchEncoder ENCODER = new BatchEncoder(SentenceEmbedder.Model.MINILM, 32, 1);

    @Test
    void shouldGroupByMeaningNotWordsAndNameEachThemeFromItsOwnWords() {
        EmergingThemes themes = new EmergingThemes(ENCODER::vector, 0.65, (k, c) -> { });

        EmergingThemes.Assignment first = themes.assign("bank", "My card still hasn't arrived, it has been two weeks.");
        EmergingThemes.Assignment second = themes.assign("bank", "When will my new card be delivered? Still waiting for it.");
        EmergingThemes.Assignment other = themes.assign("bank", "Why was I charged a fee for a transfer abroad?");

        assertThat(first.started()).isTrue();
        assertThat(second.started()).isFalse();
        assertThat(second.theme()).isEqualTo(first.theme());
        assertThat(other.theme()).isNotEqualTo(first.theme());
        assertThat(first.theme()).matches("[a-z' ]+").doesNotContain("cluster");
        assertThat(first.theme().split(" ")).hasSizeBetween(2, 4);
    }

    @Test
    void shouldKeepThemesOfEachProductApart() {
        EmergingThemes themes = new EmergingThemes(ENCODER::vector, 0.65, (k, c) -> { });

        EmergingThemes.Assignment a = themes.assign("bank", "My card still hasn't arrived.");
        EmergingThemes.Assignment b = themes.assign("shop", "My card still hasn't arrived.");

        assertThat(a.started()).isTrue();
        assertThat(b.started()).isTrue();
    }

    @Test
    void shouldPickUpWhereItLeftOffFromTheStoredClusters() {
        Map<String, ThemeCluster> store = new HashMap<>();
        EmergingThemes before = new EmergingThemes(ENCODER::vector, 0.65, store::put);
        String theme = before.assign("bank", "My card still hasn't arrived, it has been two weeks.").theme();

        EmergingThemes after = new EmergingThemes(ENCODER::vector, 0.65, store::put);
        store.values().forEach(after::restore);
        EmergingThemes.Assignment again = after.assign("bank", "When will my new card be delivered? Still waiting for it.");

        assertThat(again.started()).isFalse();
        assertThat(again.theme()).isEqualTo(theme);
        assertThat(store.values()).singleElement().satisfies(c -> assertThat(c.getSize()).isEqualTo(2));
    }
}
