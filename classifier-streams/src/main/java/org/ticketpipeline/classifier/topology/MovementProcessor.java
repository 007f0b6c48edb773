package org.ticketpipeline.classifier.topology;

import java.time.Instant;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.ticketpipeline.classifier.state.ThemeAggregate;
import org.ticketpipeline.schemas.Movement;
import org.ticketpipeline.schemas.ThemeWindow;
import org.ticketpipeline.schemas.topic.ThemeWindowKeys;

/**
 * Turns a window aggregate update into a {@code theme-windows} record, judging its movement against
 * the same theme's previous window, read from the aggregate's own store; when the update was to a
 * past window, the window after it is written again with its movement judged anew.
 */
final class MovementProcessor implements Processor<Windowed<String>, ThemeAggregate, String, ThemeWindow> {

    private final WindowSpec spec;
    private ProcessorContext<String, ThemeWindow> context;
    private TimestampedWindowStore<String, ThemeAggregate> store;

    MovementProcessor(WindowSpec spec) {
        this.spec = spec;
    }

    @Override
    public void init(ProcessorContext<String, ThemeWindow> context) {
        this.context = context;
        this.store = context.getStateStore(spec.storeName());
    }

    @Override
    public void process(Record<Windowed<String>, ThemeAggregate> record) {
        ThemeAggregate agg = record.value();
        if (agg == null) {
            return;
        }
        // the repartition topic's take-back flag is not part of a window
        Record<Windowed<String>, ThemeAggregate> clean = record.withHeaders(new RecordHeaders());
        String themeKey = record.key().key();
        long start = record.key().window().start();
        long sizeMs = spec.size().toMillis();
        emit(clean, themeKey, start, agg);
        // a change to a past window (a late ticket, a correction) changes the movement of the one after it
        ValueAndTimestamp<ThemeAggregate> next = store.fetch(themeKey, start + sizeMs);
        if (next != null && next.value() != null && next.value().getVolume() > 0) {
            emit(clean, themeKey, start + sizeMs, next.value());
        }
    }

    private void emit(Record<Windowed<String>, ThemeAggregate> record, String themeKey, long start, ThemeAggregate agg) {
        long sizeMs = spec.size().toMillis();
        String key = ThemeWindowKeys.window(agg.getProduct(), spec.name(), start, agg.getTheme());
        if (agg.getVolume() == 0) {
            // corrections moved every ticket of this theme and window elsewhere: the window goes (a tombstone)
            context.forward(record.withKey(key).withValue(null));
            return;
        }
        ValueAndTimestamp<ThemeAggregate> previous = store.fetch(themeKey, start - sizeMs);
        long previousVolume = previous == null || previous.value() == null ? 0 : previous.value().getVolume();
        double elapsed = (double) (agg.getLastSeen() - start + 1) / sizeMs;
        Movement movement = MovementRule.judge(agg.getVolume(), previousVolume, elapsed);
        ThemeWindow window = ThemeWindow.newBuilder()
                .setProduct(agg.getProduct())
                .setTheme(agg.getTheme())
                .setWindow(spec.name())
                .setWindowStart(Instant.ofEpochMilli(start))
                .setWindowEnd(Instant.ofEpochMilli(start + sizeMs))
                .setVolume(agg.getVolume())
                .setDistinctCustomers(ThemeAggregator.distinctCustomers(agg))
                .setKindMix(agg.getKindMix())
                .setTierMix(agg.getTierMix())
                .setLevelMix(agg.getLevelMix())
                .setQuotes(RepresentativeQuotes.shown(agg.getQuotes()))
                .setFirstSeen(Instant.ofEpochMilli(agg.getFirstSeen()))
                .setPreviousVolume(previousVolume)
                .setMovement(movement)
                .build();
        context.forward(record.withKey(key).withValue(window));
    }
}
