package org.ticketpipeline.classifier.topology;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
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
 *
 * <p>Movement depends on how much of the window has passed, not only on its tickets: a theme with
 * one ticket at minute 5 against ten the hour before is steady then, and fading at minute 30 though
 * no ticket came. Only a window under half its previous volume can turn fading as time passes (rising,
 * new and the volumes move with tickets alone), so those are kept aside when written and judged again
 * as stream time moves on (every twelfth of a window), and written again when they turn fading.
 */
final class MovementProcessor implements Processor<Windowed<String>, ThemeAggregate, String, ThemeWindow> {

    /** How many windows back the first judgement after a start looks for windows that may have faded meanwhile. */
    static final int RESTART_REACH = 24;

    private final WindowSpec spec;
    private ProcessorContext<String, ThemeWindow> context;
    private TimestampedWindowStore<String, ThemeAggregate> store;
    /**
     * The windows written as not fading with under half their previous volume, by theme key and start:
     * the ones time alone can turn fading. In memory, so the first judgement after a start finds them
     * again in the store.
     */
    private final Set<Recent> mayFade = new HashSet<>();
    private boolean mayFadeKnown;

    MovementProcessor(WindowSpec spec) {
        this.spec = spec;
    }

    @Override
    public void init(ProcessorContext<String, ThemeWindow> context) {
        this.context = context;
        this.store = context.getStateStore(spec.storeName());
        // a task revived on this processor (a commit that timed out under exactly-once) may have judged a window
        // fading in the aborted transaction: found again in the store, as after a start, not taken as written
        mayFade.clear();
        mayFadeKnown = false;
        context.schedule(spec.size().dividedBy(12), PunctuationType.STREAM_TIME, this::judgeAgainWhatMayFade);
    }

    /** Writes again the windows that turned fading as time passed, with no ticket of their own. */
    private void judgeAgainWhatMayFade(long streamTime) {
        long sizeMs = spec.size().toMillis();
        // the open window's start (windows are aligned to the spec's offset: weeks start on Monday), less one window
        long from = streamTime - Math.floorMod(streamTime - spec.offset().toMillis(), sizeMs) - sizeMs;
        if (!mayFadeKnown) {
            // the first judgement of this instance (a start, a rebalance): the windows that may fade are found
            // again in the store, and those that turned fading while no instance watched are written now,
            // as far back as a day's outage of hourly windows (the stream time a stop left is not known)
            long reachFrom = from - (RESTART_REACH - 1) * sizeMs;
            try (KeyValueIterator<Windowed<String>, ValueAndTimestamp<ThemeAggregate>> windows =
                         store.fetchAll(Instant.ofEpochMilli(reachFrom), Instant.ofEpochMilli(streamTime))) {
                while (windows.hasNext()) {
                    KeyValue<Windowed<String>, ValueAndTimestamp<ThemeAggregate>> w = windows.next();
                    ThemeAggregate agg = w.value == null ? null : w.value.value();
                    if (agg != null && agg.getVolume() > 0) {
                        Recent window = new Recent(w.key.key(), w.key.window().start());
                        long previousVolume = previousVolume(window.themeKey(), window.start());
                        if (agg.getVolume() < previousVolume * 0.5) {
                            mayFade.add(window); // judged below, with the others
                        }
                    }
                }
            }
            mayFadeKnown = true;
        }
        for (Recent window : List.copyOf(mayFade)) {
            ValueAndTimestamp<ThemeAggregate> now = store.fetch(window.themeKey(), window.start());
            if (now == null || now.value() == null || now.value().getVolume() == 0) {
                mayFade.remove(window); // gone
                continue;
            }
            // judged before it is let go: in a quiet partition stream time can pass a whole window between
            // two judgements, and a window let go unjudged would keep the verdict its last ticket gave it
            if (movement(window.start(), now.value(), previousVolume(window.themeKey(), window.start())) == Movement.FADING) {
                emit(new Record<>(null, now.value(), streamTime), window.themeKey(), window.start(), now.value());
            }
            if (window.start() < from) {
                mayFade.remove(window); // closed long enough ago to have had its last word
            }
        }
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
        // one read of the previous window per write: this runs for every ticket, twice (hour and week)
        long previousVolume = previousVolume(themeKey, start);
        Movement movement = movement(start, agg, previousVolume);
        rememberIfItMayFade(new Recent(themeKey, start), agg, previousVolume, movement);
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

    /** The movement as of now: the share of the window passed is that up to the later of its last ticket and stream time. */
    private Movement movement(long start, ThemeAggregate agg, long previousVolume) {
        long sizeMs = spec.size().toMillis();
        long now = Math.max(agg.getLastSeen(), context.currentStreamTimeMs());
        return MovementRule.judge(agg.getVolume(), previousVolume, (double) (now - start + 1) / sizeMs);
    }

    private long previousVolume(String themeKey, long start) {
        ValueAndTimestamp<ThemeAggregate> previous = store.fetch(themeKey, start - spec.size().toMillis());
        return previous == null || previous.value() == null ? 0 : previous.value().getVolume();
    }

    private void rememberIfItMayFade(Recent window, ThemeAggregate agg, long previousVolume, Movement movement) {
        if (movement != Movement.FADING && agg.getVolume() > 0 && agg.getVolume() < previousVolume * 0.5) {
            mayFade.add(window);
        } else {
            mayFade.remove(window);
        }
    }

    /** A window of a theme, by its theme key and start. */
    private record Recent(String themeKey, long start) {
    }
}
