package org.ticketpipeline.classifier.themes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ThemeLabelsTest {

    @Test
    void shouldNameAThemeByItsRarestWordsInTheTicketsOrder() {
        ThemeLabels labels = new ThemeLabels();
        labels.observe("The export fails on the invoice page");
        labels.observe("The invoice page is slow");

        assertThat(labels.label("Bank feed disconnected on the invoice page", Set.of())).isEqualTo("bank feed");
    }

    @Test
    void shouldNameAOneWordTicketByThatWordAndNumberOnlyASecondThemeOfTheSameName() {
        ThemeLabels labels = new ThemeLabels();

        assertThat(labels.label("Thanks for the quick help!", Set.of())).isEqualTo("quick");
        assertThat(labels.label("Thanks for the quick help!", Set.of("quick"))).isEqualTo("quick (2)");
        assertThat(labels.label("Thanks!", Set.of())).isEqualTo("unworded");
    }
}
