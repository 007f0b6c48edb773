package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ticketpipeline.schemas.topic.GlobalTables;

/** A global store of a topic the broker trims by age forgets what the topic no longer has. */
class AgedGlobalTableTest {

    private static final Instant T0 = Instant.parse("2026-01-05T00:00:00Z");

    @TempDir
    Path stateDir;

    @Test
    void shouldForgetRecordsOlderThanTheTopicKeepsAsNewerOnesCome() {
        StreamsBuilder builder = new StreamsBuilder();
        GlobalTables.add(builder, "theme-windows", "theme-windows-source", "windows", Serdes.String(), Duration.ofDays(90));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "aged-global-table-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<String, String> topic = driver.createInputTopic("theme-windows", Serdes.String().serializer(), Serdes.String().serializer());
            KeyValueStore<String, ValueAndTimestamp<String>> store = driver.getTimestampedKeyValueStore("windows");

            topic.pipeInput("ledger|hour|january", "old", T0);
            topic.pipeInput("ledger|hour|february", "kept", T0.plus(Duration.ofDays(40)));
            assertThat(store.get("ledger|hour|january")).isNotNull();

            topic.pipeInput("ledger|hour|april", "new", T0.plus(Duration.ofDays(91)));

            assertThat(store.get("ledger|hour|january")).as("past the topic's 90 days").isNull();
            assertThat(store.get("ledger|hour|february").value()).isEqualTo("kept");
            assertThat(store.get("ledger|hour|april").value()).isEqualTo("new");
        }
    }
}
