package org.ticketpipeline.classifier.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WordFeaturesTest {

    private final WordFeatures features = new WordFeatures(1 << 16);

    @Test
    void shouldCountWordsPairsTitleWordsAndQuestionMarks() {
        var counts = features.counts("How do I export invoices?\nThe export button is greyed out. Why?");

        assertThat(counts).containsKeys(features.bucketOf("export"), features.bucketOf("export invoic"),
                features.bucketOf("title:export"), features.bucketOf("__question_mark"));
        assertThat(counts.get(features.bucketOf("__question_mark"))).isEqualTo(Math.log1p(2));
        assertThat(counts).doesNotContainKey(features.bucketOf("title:button"));
    }

    @Test
    void shouldSeeNoTitleInASingleLineText() {
        var counts = features.counts("The export button is greyed out.");

        assertThat(counts).doesNotContainKeys(features.bucketOf("title:export"), features.bucketOf("__question_mark"));
    }

    @Test
    void shouldKeepStopWordsBecauseARequestReadsThatWay() {
        // "is", "it" and "to" are stop words of Lucene's English analyzer, which would drop them
        var counts = features.counts("Is it possible to export invoices?");

        assertThat(counts).containsKeys(features.bucketOf("is it"), features.bucketOf("it possibl"), features.bucketOf("to export"));
    }

    @Test
    void shouldGiveEachTokenTheWordItCameFrom() {
        assertThat(WordFeatures.words("Exporting INVOICES fails"))
                .containsExactly(new WordFeatures.Word("export", "exporting"), new WordFeatures.Word("invoic", "invoices"),
                        new WordFeatures.Word("fail", "fails"));
        assertThat(WordFeatures.isFunctionWord("how")).isTrue();
        assertThat(WordFeatures.isFunctionWord("invoices")).isFalse();
    }

    @Test
    void shouldGiveEveryProductItsOwnPlaceForItsWords() {
        WordFeatures features = new WordFeatures(1 << 20);
        java.util.Set<String> maps = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            maps.add(java.util.Arrays.toString(features.withinProduct(new int[] {0, 1, 2}, "product-" + i)));
        }

        // an offset alone, of the 20 bits a bucket keeps, gave "product-281" and "product-398" one place for every word
        assertThat(maps).hasSize(1000);
        assertThat(features.withinProduct(new int[] {5, 9}, "ledger")).as("the words themselves, and each within the product")
                .hasSize(4).contains(5, 9);
    }
}
