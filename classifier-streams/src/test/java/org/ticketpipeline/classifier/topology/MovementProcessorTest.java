package org.ticketpipeline.classifier.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.TimeWindowedDeserializer;
import org.apache.kafka.streams.kstream.TimeWindowedSerializer;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.internals.TimeWindow;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ticketpipeline.classifier.state.ThemeAggregate;
import org.ticketpipeline.schemas.InMemoryRegistry;
import org.ticketpipeline.schemas.Movement;
import org.ticketpipeline.schemas.ThemeWindow;
import org.ticketpipeline.schemas.serde.AvroSerde;
import org.ticketpipeline.schemas.topic.ThemeWindowKeys;

/** The movement processor alone, on a store that an earlier instance filled. */
class MovementProcessorTest {

    private static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    private static final String EXPORT = "ledger|csv export times out";

    @TempDir
    Path stateDir;

    @Test
    void shouldWriteOnItsFirstJudgementAWindowThatTurnedFadingWhileNoInstanceWatched() {
        firstUpdateAfterAStopShowsTheSecondHourFading(Duration.ofMinutes(100));
    }

    @Test
    void shouldWriteAWindowThatTurnedFadingHoursBeforeTheFirstUpdateAfterALongStop() {
        // stopped at minute 65, started again three hours later: the second hour closed while no instance watched
        firstUpdateAfterAStopShowsTheSecondHourFading(Duration.ofMinutes(300));
    }

    private void firstUpdateAfterAStopShowsTheSecondHourFading(Duration firstUpdate) {
        WindowSpec spec = WindowSpec.of(ThemeWindowKeys.Size.HOUR, Duration.ofHours(2));
        InMemoryRegistry registry = new InMemoryRegistry();
        Serde<ThemeAggregate> aggregates = AvroSerde.forValues(registry, ThemeAggregate.class);
        Serde<ThemeWindow> windows = AvroSerde.forValues(registry, ThemeWindow.class);
        Topology topology = new Topology();
        topology.addSource("updates", new TimeWindowedDeserializer<>(Serdes.String().deserializer(), spec.size().toMillis()),
                aggregates.deserializer(), "updates");
        topology.addProcessor("movement", () -> new MovementProcessor(spec), "updates");
        topology.addStateStore(Stores.timestampedWindowStoreBuilder(
                Stores.persistentTimestampedWindowStore(spec.storeName(), Duration.ofDays(1), spec.size(), false),
                Serdes.String(), aggregates).withLoggingDisabled(), "movement");
        topology.addSink("windows", "theme-windows", Serdes.String().serializer(), windows.serializer(), "movement");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "movement-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());

        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props)) {
            // what a stopped instance left in the store: ten tickets in the first hour, one at minute 65
            var store = driver.<String, ThemeAggregate>getTimestampedWindowStore(spec.storeName());
            Instant secondHour = T0.plus(Duration.ofHours(1));
            store.put(EXPORT, ValueAndTimestamp.make(aggregate("csv export times out", 10, T0.plus(Duration.ofMinutes(9))),
                    T0.toEpochMilli()), T0.toEpochMilli());
            store.put(EXPORT, ValueAndTimestamp.make(aggregate("csv export times out", 1, T0.plus(Duration.ofMinutes(65))),
                    secondHour.toEpochMilli()), secondHour.toEpochMilli());
            TestOutputTopic<String, ThemeWindow> out = driver.createOutputTopic("theme-windows", Serdes.String().deserializer(),
                    windows.deserializer());

            // the new instance's first update: another theme, in its own hour
            Instant at = T0.plus(firstUpdate);
            Instant hour = at.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
            driver.createInputTopic("updates", new TimeWindowedSerializer<>(Serdes.String().serializer()), aggregates.serializer())
                    .pipeInput(new Windowed<>("ledger|dark mode request", new TimeWindow(hour.toEpochMilli(),
                            hour.plus(Duration.ofHours(1)).toEpochMilli())), aggregate("dark mode request", 1, at), at);

            assertThat(out.readValuesToList()).filteredOn(w -> w.getTheme().equals("csv export times out")).singleElement()
                    .satisfies(w -> {
                        assertThat(w.getWindowStart()).isEqualTo(secondHour);
                        assertThat(w.getPreviousVolume()).isEqualTo(10);
                        assertThat(w.getMovement()).isEqualTo(Movement.FADING);
                    });
        }
    }

    private static ThemeAggregate aggregate(String theme, long volume, Instant lastSeen) {
        return ThemeAggregate.newBuilder().setProduct("ledger").setTheme(theme).setVolume(volume)
                .setFirstSeen(lastSeen.toEpochMilli()).setLastSeen(lastSeen.toEpochMilli()).build();
    }
}
