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
    void shouldForgetTheRarestWordsRatherThanGrowWithoutEndAndStillPreferWhatIsRare() {
        ThemeLabels labels = new ThemeLabels();
        for (int i = 0; i <= ThemeLabels.MAX_WORDS; i++) {
            // an order reference per ticket, as a helpdesk's tickets carry: a new word every time
            labels.observe("invoice page order ref" + Integer.toString(i, 36) + "x");
        }
        assertThat(labels.wordsCounted()).as("halved at the cap: the one-off references go").isLessThan(100);
        assertThat(labels.frequency("invoice")).as("halved once, near the end").isCloseTo(ThemeLabels.MAX_WORDS / 2, org.assertj.core.api.Assertions.within(5));
        labels.observe("The export fails on the invoice page");
        assertThat(labels.label("Bank feed disconnected on the invoice page", Set.of())).isEqualTo("bank feed");
    }

    @Test
    void shouldNameAThemeByWhatBrokeNotByWhenItStarted() {
        ThemeLabels labels = new ThemeLabels();

        assertThat(labels.label("since the last update this app drains my battery, phone gets really hot", Set.of()))
                .isEqualTo("drains battery");
        assertThat(labels.label("Since the update", Set.of())).as("nothing else to name it by").isEqualTo("since update");
        assertThat(labels.label("The update fails to install on my tablet", Set.of())).as("the update is what broke").isEqualTo("update fails");
    }

    @Test
    void shouldNameAOneWordTicketByThatWordAndNumberOnlyASecondThemeOfTheSameName() {
        ThemeLabels labels = new ThemeLabels();

        assertThat(labels.label("Thanks for the quick help!", Set.of())).isEqualTo("quick");
        assertThat(labels.label("Thanks for the quick help!", Set.of("quick"))).isEqualTo("quick (2)");
        assertThat(labels.label("Thanks!", Set.of())).isEqualTo("unworded");
    }

    @Test
    void shouldNameAThemeByAShortSubjectAsWrittenKeepingAcronyms() {
        ThemeLabels labels = new ThemeLabels();

        assertThat(labels.label("Can't clock in", "Can't clock in. Staff can't clock in on the tablet.", Set.of()))
                .isEqualTo("can't clock in");
        assertThat(labels.label("RE: [Ticket 42] CSV export times out!", "CSV export times out. It spins.", Set.of()))
                .isEqualTo("CSV export times out");
        assertThat(labels.label("How do I add a logo?", "How do I add a logo? To the invoices.", Set.of())).isEqualTo("how do I add a logo");
    }

    @Test
    void shouldNameFromTheWordsWhenTheSubjectIsVagueLongPersonalOrTaken() {
        ThemeLabels labels = new ThemeLabels();
        String text = "Bank feed disconnected on the invoice page";

        assertThat(labels.label("Help!", text, Set.of())).as("one word").isEqualTo("bank feed");
        assertThat(labels.label("Urgent help needed", text, Set.of())).as("a cry for help, not a name").isEqualTo("bank feed");
        assertThat(labels.label("Problem with the app", text, Set.of())).as("says nothing").isEqualTo("bank feed");
        assertThat(labels.label("The bank feed on the invoice page has been disconnected since Monday", text, Set.of()))
                .as("a sentence is not a name").isEqualTo("bank feed");
        assertThat(labels.label("Refund for jane.doe@example.com", text, Set.of())).as("personal data").isEqualTo("bank feed");
        assertThat(labels.label("Refund for Jane Doe", text, Set.of())).as("a name").isEqualTo("bank feed");
        assertThat(labels.label("Order 48213 missing", text, Set.of())).as("an order number").isEqualTo("bank feed");
        assertThat(labels.label("Call me on 555 0199", text, Set.of())).as("a phone number").isEqualTo("bank feed");
        assertThat(labels.label("Not working", text, Set.of())).as("vague").isEqualTo("bank feed");
        assertThat(labels.label("Something went wrong", text, Set.of())).as("vague").isEqualTo("bank feed");
        assertThat(labels.label("Error message", text, Set.of())).as("vague").isEqualTo("bank feed");
        assertThat(labels.label("Bank feed disconnected", text, Set.of("bank feed disconnected"))).isEqualTo("bank feed");
        assertThat(labels.label(null, text, Set.of())).isEqualTo("bank feed");
    }
}
