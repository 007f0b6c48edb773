package org.ticketpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestSettingsTest {

    @Test
    void shouldRefuseSettingsThatWouldMisbehaveNamingEach() {
        IngestSettings settings = new IngestSettings();
        settings.setMaxBatchItems(0);
        settings.setMaxTextLength(2_000_000);
        settings.setMaxFutureSkew(Duration.ofMinutes(-1));

        assertThatThrownBy(settings::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ingest.max-batch-items 0 must be at least 1")
                .hasMessageContaining("ingest.max-text-length 2000000 must be from 1 to 100000")
                .hasMessageContaining("ingest.max-future-skew PT-1M cannot be negative");
        assertThatCode(new IngestSettings()::validate).doesNotThrowAnyException();
    }

    @Test
    void shouldStopTheStartNotTheFirstRequestWhenASettingIsWrong() {
        // no server, no Kafka needed: the settings are checked as the context starts
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("ingest.max-text-length", "0", "kafka.bootstrap-servers", "127.0.0.1:1")).close())
                .hasStackTraceContaining("ingest.max-text-length 0 must be from 1 to 100000");
    }
}
