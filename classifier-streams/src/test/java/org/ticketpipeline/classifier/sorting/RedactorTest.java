package org.ticketpipeline.classifier.sorting;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void shouldRedactEmailAddresses() {
        assertThat(Redactor.redact("Write to jane.doe+billing@example.co.uk please"))
                .isEqualTo("Write to [email] please");
    }

    @Test
    void shouldRedactPhoneNumbers() {
        assertThat(Redactor.redact("Call me on +44 20 7946 0958 or (555) 123-4567."))
                .isEqualTo("Call me on [phone] or [phone].");
    }

    @Test
    void shouldRedactCardNumbers() {
        assertThat(Redactor.redact("Card 4111 1111 1111 1111 was declined"))
                .isEqualTo("Card [card] was declined");
    }

    @Test
    void shouldRedactAccountNumbersAndIbans() {
        assertThat(Redactor.redact("Account no. 12345678 and IBAN DE89 3704 0044 0532 0130 00"))
                .isEqualTo("Account [account] and IBAN [account]");
    }

    @Test
    void shouldRedactNamesInGreetingsSignaturesAndIntroductions() {
        assertThat(Redactor.redact("Hi Maria, my name is Tom Baker and the export fails. Kind regards, Tom Baker"))
                .isEqualTo("Hi [name], my name is [name] and the export fails. Kind regards, [name]");
    }

    @Test
    void shouldRedactAnAccountNumberGivenAfterIs() {
        assertThat(Redactor.redact("My account number is 12345678, please check it"))
                .isEqualTo("My account [account], please check it");
    }

    @Test
    void shouldRedactASignatureThatIsNotTheLastLine() {
        assertThat(Redactor.redact("The export fails.\n\nThanks,\nAna Lopez\nAcme Ltd"))
                .isEqualTo("The export fails.\n\nThanks,\n[name]\nAcme Ltd");
        assertThat(Redactor.redact("The export fails.\nRegards,\nAna\n+44 20 7946 0958"))
                .isEqualTo("The export fails.\nRegards,\n[name]\n[phone]");
        assertThat(Redactor.redact("It crashes.\nCheers, Tom\nSent from my phone"))
                .isEqualTo("It crashes.\nCheers, [name]\nSent from my phone");
        assertThat(Redactor.redact("The export fails.\n\nKind regards,\n\nAna Lopez\nAcme Ltd"))
                .isEqualTo("The export fails.\n\nKind regards,\n\n[name]\nAcme Ltd");
    }

    @Test
    void shouldRedactNamesWrittenWithLettersBeyondAscii() {
        assertThat(Redactor.redact("Hi José, the app crashes")).isEqualTo("Hi [name], the app crashes");
        assertThat(Redactor.redact("Hello Émile, my name is Björn Ødegård. Thanks, Zoë"))
                .isEqualTo("Hello [name], my name is [name]. Thanks, [name]");
        assertThat(Redactor.redact("Dear Jean-Luc, it fails")).isEqualTo("Dear [name], it fails");
    }

    @Test
    void shouldLeaveOrdinaryTextAlone() {
        String ordinary = "Since version 4.2.1 the export of 2026-11-02 fails after 60 seconds; invoice 2024 costs 129.90 EUR. Thanks, the team";
        assertThat(Redactor.redact(ordinary)).isEqualTo(ordinary);
        String lines = "Best way to reproduce:\nThanks to the new filter, Export is faster\nthe account has 3 users";
        assertThat(Redactor.redact(lines)).isEqualTo(lines);
    }
}
