package org.ticketpipeline.classifier.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClassifierSettingsTest {

    @Test
    void shouldRefuseATicketRetentionShorterThanTheWeeklyWindowsCountATicket() {
        ClassifierSettings settings = new ClassifierSettings();
        settings.setTicketRetention(Duration.ofDays(30));

        // forgotten sooner, a creation sent again would be counted a second time by a week still open
        assertThatThrownBy(() -> settings.topologySettings(1)).hasMessage("classifier.ticket-retention PT720H must be longer than a week "
                + "plus classifier.week-window-grace (PT840H in all), or 0 to keep every ticket");
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
}
