package org.ticketpipeline.classifier.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
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

    private static final WindowSpec SPEC = WindowSpec.of(ThemeWindowKeys.Size.HOUR, Duration.ofHours(2));
    private final InMemoryRegistry registry = new InMemoryRegistry();
    private final Serde<ThemeAggregate> aggregates = AvroSerde.forValues(registry, ThemeAggregate.class);
    private final Serde<ThemeWindow> windows = AvroSerde.forValues(registry, ThemeWindow.class);

    /** The processor between a topic of window updates and theme-windows, on a store the test fills. */
    private TopologyTestDriver driverOf(org.apache.kafka.streams.processor.api.ProcessorSupplier<Windowed<String>, ThemeAggregate, String, ThemeWindow> movement) {
        Topology topology = new Topology();
        topology.addSource("updates", new TimeWindowedDeserializer<>(Serdes.String().deserializer(), SPEC.size().toMillis()),
                aggregates.deserializer(), "updates");
        topology.addProcessor("movement", movement, "updates");
        topology.addStateStore(Stores.timestampedWindowStoreBuilder(
                Stores.persistentTimestampedWindowStore(SPEC.storeName(), Duration.ofDays(1), SPEC.size(), false),
                Serdes.String(), aggregates).withLoggingDisabled(), "movement");
        topology.addSink("windows", "theme-windows", Serdes.String().serializer(), windows.serializer(), "movement");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "movement-test");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        TopologyTestDriver driver = new TopologyTestDriver(topology, props);
        // what a stopped instance left in the store: ten tickets in the first hour, one at minute 65
        var store = driver.<String, ThemeAggregate>getTimestampedWindowStore(SPEC.storeName());
        store.put(EXPORT, ValueAndTimestamp.make(aggregate("csv export times out", 10, T0.plus(Duration.ofMinutes(9))),
                T0.toEpochMilli()), T0.toEpochMilli());
        store.put(EXPORT, ValueAndTimestamp.make(aggregate("csv export times out", 1, T0.plus(Duration.ofMinutes(65))),
                SECOND_HOUR.toEpochMilli()), SECOND_HOUR.toEpochMilli());
        return driver;
    }

    private static final Instant SECOND_HOUR = T0.plus(Duration.ofHours(1));

    /** An update of another theme, in its own hour: moves stream time on. */
    private void updateAnotherThemeAt(TopologyTestDriver driver, Instant at) {
        Instant hour = at.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        driver.createInputTopic("updates", new TimeWindowedSerializer<>(Serdes.String().serializer()), aggregates.serializer())
                .pipeInput(new Windowed<>("ledger|dark mode request", new TimeWindow(hour.toEpochMilli(),
                        hour.plus(Duration.ofHours(1)).toEpochMilli())), aggregate("dark mode request", 1, at), at);
    }

    private List<ThemeWindow> exportWindowsOut(TopologyTestDriver driver) {
        return driver.createOutputTopic("theme-windows", Serdes.String().deserializer(), windows.deserializer()).readValuesToList().stream()
                .filter(w -> w.getTheme().equals("csv export times out")).toList();
    }

    private void firstUpdateAfterAStopShowsTheSecondHourFading(Duration firstUpdate) {
        try (TopologyTestDriver driver = driverOf(() -> new MovementProcessor(SPEC))) {
            updateAnotherThemeAt(driver, T0.plus(firstUpdate));

            assertThat(exportWindowsOut(driver)).singleElement().satisfies(w -> {
                assertThat(w.getWindowStart()).isEqualTo(SECOND_HOUR);
                assertThat(w.getPreviousVolume()).isEqualTo(10);
                assertThat(w.getMovement()).isEqualTo(Movement.FADING);
            });
        }
    }

    /**
     * A commit that timed out under exactly-once revives the task on the same processor (init again), and the
     * writes of the aborted transaction are gone: what it had judged fading is judged again.
     */
    @Test
    void shouldWriteAFadingWindowAgainAfterARevivalOnTheSameProcessor() {
        MovementProcessor movement = new MovementProcessor(SPEC);
        java.util.concurrent.atomic.AtomicReference<ProcessorContext<String, ThemeWindow>> given = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean reviveFirst = new java.util.concurrent.atomic.AtomicBoolean();
        try (TopologyTestDriver driver = driverOf(() -> new Processor<>() {
            @Override
            public void init(ProcessorContext<String, ThemeWindow> context) {
                given.set(context);
                movement.init(context);
            }

            @Override
            public void process(Record<Windowed<String>, ThemeAggregate> record) {
                if (reviveFirst.getAndSet(false)) {
                    movement.init(given.get()); // as the task's revival does, with its stores at hand
                }
                movement.process(record);
            }
        })) {
            updateAnotherThemeAt(driver, T0.plus(Duration.ofMinutes(100)));
            assertThat(exportWindowsOut(driver)).extracting(ThemeWindow::getMovement).containsExactly(Movement.FADING);

            reviveFirst.set(true);
            updateAnotherThemeAt(driver, T0.plus(Duration.ofMinutes(106)));

            assertThat(exportWindowsOut(driver)).extracting(ThemeWindow::getWindowStart, ThemeWindow::getMovement)
                    .contains(org.assertj.core.api.Assertions.tuple(SECOND_HOUR, Movement.FADING));
        }
    }

    private static ThemeAggregate aggregate(String theme, long volume, Instant lastSeen) {
        return ThemeAggregate.newBuilder().setProduct("ledger").setTheme(theme).setVolume(volume)
                .setFirstSeen(lastSeen.toEpochMilli()).setLastSeen(lastSeen.toEpochMilli()).build();
    }
}
