package org.ticketpipeline.classifier.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClassifierSettingsTest {

    @Test
    void shouldRefuseATicketRetentionShorterThanTheWeeklyWindowsCountATicket() {
        ClassifierSettings settings = new ClassifierSettings();
        settings.setTicketRetention(Duration.ofDays(30));

        // forgotten sooner, a creation sent again would be counted a second time by a week still open
        assertThatThrownBy(() -> settings.topologySettings(1)).hasMessage("classifier.ticket-retention PT720H must be longer than the longer "
                + "of a week plus classifier.week-window-grace and an hour plus classifier.hour-window-grace (PT840H), or 0 to keep every ticket");
    }

    @Test
    void shouldRefuseATicketRetentionShorterThanTheHourlyWindowsCountATicket() {
        ClassifierSettings settings = new ClassifierSettings();
        settings.setHourWindowGrace(Duration.ofDays(60));
        settings.setTicketRetention(Duration.ofDays(40));

        assertThatThrownBy(() -> settings.topologySettings(1)).hasMessageContaining("(PT1441H)");
    }

    @Test
    void shouldKeepTicketsAndThemesForTheirDefaultRetentionsOrForEverWhenZero() {
        ClassifierSettings settings = new ClassifierSettings();
        assertThat(settings.topologySettings(1).sorting().ticketRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(settings.topologySettings(1).sorting().emergingThemeRetention()).isEqualTo(Duration.ofDays(30));

        settings.setTicketRetention(Duration.ZERO);
        settings.setEmergingThemeRetention(Duration.ZERO);
        assertThat(settings.topologySettings(1).sorting().ticketRetention()).isZero();
    }

    @Test
    void shouldRefuseAtStartTheSettingsThatWouldStartAndThenMisbehaveNamingEach() {
        ClassifierSettings settings = new ClassifierSettings();
        settings.setEmergingThreshold(65); // a percentage: no cosine reaches it, every ticket its own theme
        settings.setEmbeddingMaxWait(Duration.ZERO); // refused by Kafka Streams in each task's set-up, a thread lost at each try
        settings.setWatchSurpriseLift(1.0);
        settings.setMaxFutureSkew(Duration.ofMinutes(-5));
        settings.setEmbeddingModel("MiniLM-L6");
        settings.setWatchBackground(Duration.ofSeconds(30)); // a usual rate per hour over no whole minute: NaN lifts, no surprise ever

        assertThatThrownBy(settings::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("classifier.emerging-threshold 65.0 must be a cosine similarity above 0 and at most 1")
                .hasMessageContaining("classifier.embedding-max-wait PT0S must be at least 1ms")
                .hasMessageContaining("classifier.watch-surprise-lift 1.0 must be above 1")
                .hasMessageContaining("classifier.max-future-skew PT-5M cannot be negative")
                .hasMessageContaining("classifier.embedding-model 'MiniLM-L6' is not minilm or bge-small")
                .hasMessageContaining("classifier.watch-background PT30S must be at least an hour");
        assertThatThrownBy(() -> settings.topologySettings(1)).hasMessageContaining("classifier.emerging-threshold");
    }

    @Test
    void shouldTakeTheDefaults() {
        ClassifierSettings bge = new ClassifierSettings();
        bge.setEmbeddingModel("bge-small");
        assertThatCode(new ClassifierSettings()::validate).doesNotThrowAnyException();
        assertThatCode(bge::validate).doesNotThrowAnyException();
    }

    @Test
    void shouldShipInItsConfigurationTheDefaultsItsSettingsSay() throws Exception {
        // application.yml wins over a field's default: a default changed in one place only never took effect
        java.util.Map<String, Object> shipped;
        try (var in = ClassifierSettings.class.getResourceAsStream("/application.yml")) {
            shipped = new org.yaml.snakeyaml.Yaml().load(in);
        }
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> classifier = (java.util.Map<String, Object>) shipped.get("classifier");
        assertThat(String.valueOf(classifier.get("max-future-skew"))).isEqualTo("30m");
        assertThat(new ClassifierSettings().getMaxFutureSkew()).isEqualTo(Duration.ofMinutes(30));
        ClassifierSettings everyLoop = new ClassifierSettings();
        everyLoop.setCommitInterval(Duration.ZERO); // Kafka Streams' "commit every loop"
        assertThatCode(everyLoop::validate).doesNotThrowAnyException();
    }
}
