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
    void shouldNameAThemeByWordsAReaderCouldTypeNotByAKeyHeldDown() {
        ThemeLabels labels = new ThemeLabels();
        String held = "s".repeat(20_000);

        assertThat(labels.label(held + " " + held, Set.of())).as("no word to name it by").isEqualTo("unworded");
        String label = labels.label("Sync stalls " + "x".repeat(300) + " after upload", Set.of());
        assertThat(label).as("the words around it").contains("sync").doesNotContain("xxx").hasSizeLessThanOrEqualTo(200);
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

    @Test
    void shouldNeverNameAThemeByACustomersNameAddressOrReference() {
        ThemeLabels labels = new ThemeLabels();
        for (int i = 0; i < 50; i++) {
            labels.observe("The export fails when I click save on the invoice page");
        }
        // the rarest words of a ticket are its names and references: none of them may name the theme
        java.util.Map<String, String> personal = new java.util.LinkedHashMap<>();
        personal.put("Hi, this is Jon Okafor from Acme. The export fails when I click save.", "okafor");
        personal.put("Jon Okafor here from Acme. The export fails when I click save.", "jon");
        personal.put("Please reply to jon.okafor@acmecorp.com, the export fails", "acmecorp");
        personal.put("Hi Maria, the export fails when I click save.", "maria");
        personal.put("My card ending 4242 was charged twice on account AC99812", "ac99812");
        personal.put("The invoice is wrong, I live at 221B Baker Street NW1 6XE", "baker");
        personal.put("The invoice is wrong, my IBAN DE89 3704 0044 0532 0130 00", "de89");
        personal.put("Refund for Jane Doe, the invoice is wrong", "jane");
        personal.put("The invoice for Jean-Luc is wrong", "luc");
        personal.put("The invoice is wrong. " + "x".repeat(ThemeLabels.LABEL_HEAD) + " Write to zed.zulu@example.com", "zulu");
        for (var ticket : personal.entrySet()) {
            String label = labels.label(ticket.getKey(), Set.of());
            assertThat(label).as(ticket.getKey()).doesNotContain(ticket.getValue()).doesNotContainPattern("\\d").doesNotContain("name", "@", ".");
        }
        assertThat(labels.label("Refund for Jane Doe", "Refund for Jane Doe, the invoice is wrong", Set.of()))
                .as("the subject turned down as personal, and the words left").isEqualTo("refund wrong");
    }

    @Test
    void shouldTurnDownASubjectThatMayNameSomeone() {
        for (String subject : new String[] {"Refund for O'Brien", "Refund for McDonald", "Invoice for Anna-Lena", "Priya's invoice is wrong",
                "Locked out: jane.doe", "Access for Sinéad please", "order for mrs okonkwo missing", "refund - dr. okonkwo",
                "Account of DR OKONKWO locked"}) {
            assertThat(ThemeLabels.titleLabel(subject)).as(subject).isNull();
        }
        assertThat(ThemeLabels.titleLabel("PDFs print blank on iOS")).as("acronyms and brands keep their capitals").isEqualTo("PDFs print blank on iOS");
        assertThat(ThemeLabels.titleLabel("order for ms okonkwo missing")).as("a title that is also a word: turned down all the same").isNull();
    }

    @Test
    void shouldNotNameAThemeAfterACustomerWhoWritesTheirNameInSmallLetters() {
        assertThat(ThemeLabels.titleLabel("maria can't log in")).isNull();
        assertThat(ThemeLabels.titleLabel("maria, can't log in")).isNull();
        assertThat(new ThemeLabels().label("the payroll of maria's team will not load", java.util.Set.of())).doesNotContain("maria");
        assertThat(ThemeLabels.titleLabel("Maria can't log in")).isNull();
        assertThat(new ThemeLabels().label("pls help, maria from accounts cant log in to payroll", java.util.Set.of())).doesNotContain("maria");
        assertThat(ThemeLabels.titleLabel("Payroll export fails")).as("no name in it").isEqualTo("payroll export fails");
    }

    @Test
    void shouldNameAThemeByWhatBrokeNotByAPronounOrAContractionAsAPhoneWritesIt() {
        assertThat(new ThemeLabels().label("hi, this is jan kowalski from acme, the export fails", java.util.Set.of())).doesNotContain("kowalski");
        assertThat(new ThemeLabels().label("I’m unable to open the invoice page", java.util.Set.of())).doesNotContain("i’m").doesNotContain("i'm");
        assertThat(new ThemeLabels().label("She can’t see the invoices", java.util.Set.of())).isEqualTo("see invoices");
        assertThat(new ThemeLabels().label("The calendar doesn't load", java.util.Set.of())).isEqualTo("calendar load");
        assertThat(new ThemeLabels().label("Every time I open the invoice page it crashes", java.util.Set.of())).doesNotStartWith("every");
        assertThat(new ThemeLabels().label("Why am I being charged this amount?", java.util.Set.of())).isEqualTo("charged amount");
    }

    @Test
    void shouldNotTakeAPastedPageForASubject() {
        assertThat(ThemeLabels.titleLabel("Export " + "a".repeat(5000))).isNull();
        assertThat(ThemeLabels.titleLabel("a " + ".".repeat(100_000) + " b")).isNull();
    }
}
