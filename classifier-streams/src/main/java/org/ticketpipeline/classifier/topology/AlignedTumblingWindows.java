package org.ticketpipeline.classifier.topology;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.kstream.Windows;
import org.apache.kafka.streams.kstream.internals.TimeWindow;

/**
 * Tumbling windows shifted by an offset. Kafka's {@code TimeWindows} align to the epoch, so a 7-day
 * window would start on Thursdays; a weekly reading's week starts on Monday. No Kafka class takes an
 * offset, hence this small {@link Windows} of our own.
 */
final class AlignedTumblingWindows extends Windows<TimeWindow> {

    private final long sizeMs;
    private final long offsetMs;
    private final long graceMs;

    AlignedTumblingWindows(Duration size, Duration offset, Duration grace) {
        this.sizeMs = size.toMillis();
        this.offsetMs = Math.floorMod(offset.toMillis(), sizeMs);
        this.graceMs = grace.toMillis();
    }

    @Override
    public Map<Long, TimeWindow> windowsFor(long timestamp) {
        long start = Math.floorDiv(timestamp - offsetMs, sizeMs) * sizeMs + offsetMs;
        return Map.of(start, new TimeWindow(start, start + sizeMs));
    }

    @Override
    public long size() {
        return sizeMs;
    }

    @Override
    public long gracePeriodMs() {
        return graceMs;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AlignedTumblingWindows w && w.sizeMs == sizeMs && w.offsetMs == offsetMs && w.graceMs == graceMs;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(sizeMs) * 31 + Long.hashCode(offsetMs) * 17 + Long.hashCode(graceMs);
    }
}
