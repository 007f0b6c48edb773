package org.ticketpipeline.classifier.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepresentativeQuotesTest {

    @Test
    void shouldShowWhatMostTicketsSayAndLetTheOddOneOutGo() {
        List<String> pool = new ArrayList<>();
        pool = RepresentativeQuotes.offer(pool, "Thanks, love the product!");
        for (String q : List.of("The CSV export times out after a minute.", "CSV export of a full year times out.",
                "Export to CSV times out every time.", "Since the update the CSV export times out.",
                "CSV export times out for last month.", "My CSV export times out when I pick a year.")) {
            pool = RepresentativeQuotes.offer(pool, q);
        }

        assertThat(pool).hasSize(RepresentativeQuotes.POOL).doesNotContain("Thanks, love the product!");
        assertThat(RepresentativeQuotes.shown(pool)).hasSize(RepresentativeQuotes.SHOWN)
                .allSatisfy(q -> assertThat(q).containsIgnoringCase("csv").containsIgnoringCase("times out"));
    }

    @Test
    void shouldKeepQuotesDistinctAndIgnoreMissingOnes() {
        List<String> pool = RepresentativeQuotes.offer(List.of("Login loop."), "Login loop.");
        pool = RepresentativeQuotes.offer(pool, null);
        pool = RepresentativeQuotes.offer(pool, " ");

        assertThat(pool).containsExactly("Login loop.");
        assertThat(RepresentativeQuotes.shown(pool)).containsExactly("Login loop.");
    }

    @Test
    void shouldCompareQuotesByTheirDistinctWordsWhateverTheCaseAndPunctuation() {
        assertThat(RepresentativeQuotes.words("Can't export: CSV, csv... EXPORT! a to"))
                .containsExactly(RepresentativeQuotes.words("can't export csv"));
        assertThat(RepresentativeQuotes.words("Ça ne marche pas, l'été 2024")).hasSize(4); // "marche", "pas", "l'été", "2024"
        assertThat(RepresentativeQuotes.words("cant export")).isNotEqualTo(RepresentativeQuotes.words("can't export"));
        assertThat(RepresentativeQuotes.words("on a to")).isEmpty();
        assertThat(RepresentativeQuotes.words("run rw0")).as("distinct words, even with the same String hash").hasSize(2);
        assertThat(RepresentativeQuotes.words("𠮷野家 and 𝐥𝐨𝐠𝐢𝐧")).as("letters outside the basic plane are letters")
                .containsExactlyInAnyOrder("𠮷野家", "and", "𝐥𝐨𝐠𝐢𝐧");
    }
}
