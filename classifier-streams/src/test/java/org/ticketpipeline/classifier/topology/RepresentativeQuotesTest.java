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
}
