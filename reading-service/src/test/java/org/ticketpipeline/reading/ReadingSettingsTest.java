package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReadingSettingsTest {

    @Test
    void shouldRefuseSettingsThatWouldMisbehaveNamingEach() {
        ReadingSettings settings = new ReadingSettings();
        settings.setDeliveryAttempts(0); // every reading recorded as delivered, and no call made
        settings.setWebhookTimeout(Duration.ZERO);
        settings.setWeeklySettle(Duration.ofDays(7));
        settings.setRedeliveryFor(Duration.ofDays(8));
        settings.setStreamReplay(Duration.ofDays(-1));

        assertThatThrownBy(settings::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reading.delivery-attempts 0 must be at least 1")
                .hasMessageContaining("reading.webhook-timeout PT0S must be longer than 0")
                .hasMessageContaining("reading.weekly-settle PT168H must be from 0 to less than a week")
                .hasMessageContaining("reading.redelivery-for PT192H must be less than a week")
                .hasMessageContaining("reading.stream-replay");
        assertThatCode(new ReadingSettings()::validate).doesNotThrowAnyException();
    }
}
