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

    @Test
    void shouldRefuseKafkaSettingsThatWouldStartAndThenFailEveryRequest() {
        KafkaSettings kafka = new KafkaSettings();
        kafka.setDeliveryTimeout(Duration.ofMillis(500));
        kafka.setPartitions(0);
        kafka.setSchemaRegistryUrl("registry:8081");

        assertThatThrownBy(kafka::validate).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kafka.delivery-timeout PT0.5S must be at least 1 s")
                .hasMessageContaining("kafka.partitions 0 must be at least 1")
                .hasMessageContaining("kafka.schema-registry-url 'registry:8081' is not an http or https URL");
        assertThatCode(new KafkaSettings()::validate).doesNotThrowAnyException();
        KafkaSettings underscore = new KafkaSettings();
        underscore.setSchemaRegistryUrl("http://schema_registry:8085");
        assertThatThrownBy(underscore::validate).as("a host the HTTP client cannot call")
                .hasMessageContaining("kafka.schema-registry-url 'http://schema_registry:8085' is not an http or https URL with a host");
        assertThatThrownBy(() -> ApplicationContext.run(Map.of("kafka.delivery-timeout", "500ms", "kafka.bootstrap-servers", "127.0.0.1:1")).close())
                .hasStackTraceContaining("kafka.delivery-timeout PT0.5S must be at least 1 s");
        // at its smallest, a producer the Kafka client takes: its delivery timeout covers the linger and the request
        KafkaSettings shortest = new KafkaSettings();
        shortest.setBootstrapServers("127.0.0.1:1");
        shortest.setDeliveryTimeout(Duration.ofSeconds(1));
        assertThatCode(() -> new KafkaFactory().producer(shortest, new io.micrometer.core.instrument.simple.SimpleMeterRegistry()).close()).doesNotThrowAnyException();
        KafkaSettings brokersDefault = new KafkaSettings();
        brokersDefault.setReplicationFactor((short) -1);
        assertThatCode(brokersDefault::validate).as("-1: the broker's default replication").doesNotThrowAnyException();
    }
}
