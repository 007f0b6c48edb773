package org.ticketpipeline.schemas.topic;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The keys of {@code theme-windows} and the windows they name, shared by the writer (classifier) and
 * the readers. Hours are aligned to the hour (UTC); weeks start on Monday 00:00 UTC, as a weekly
 * reading's week does, not on the Thursday the Unix epoch would give.
 */
public final class ThemeWindowKeys {

    public static final char SEPARATOR = '|';
    public static final Duration HOUR = Duration.ofHours(1);
    public static final Duration WEEK = Duration.ofDays(7);
    /** 1970-01-01 was a Thursday: Monday-aligned weeks start 4 days after multiples of 7 days. */
    public static final Duration WEEK_OFFSET = Duration.ofDays(4);

    private ThemeWindowKeys() {
    }

    /** {@code product|theme}: the grouping key of a theme's aggregates. */
    public static String theme(String product, String theme) {
        return product + SEPARATOR + theme;
    }

    /** {@code product|window|windowStartMillis|theme}: one record per theme and window; the latest wins. */
    public static String window(String product, String window, long windowStart, String theme) {
        return windowPrefix(product, window, windowStart) + theme;
    }

    /** The prefix of every theme's key in one window of one product. */
    public static String windowPrefix(String product, String window, long windowStart) {
        return product + SEPARATOR + window + SEPARATOR + windowStart + SEPARATOR;
    }

    /** A named window size: {@code hour} or {@code week}. */
    public enum Size {
        HOUR(ThemeWindowKeys.HOUR, Duration.ZERO),
        WEEK(ThemeWindowKeys.WEEK, WEEK_OFFSET);

        private final Duration length;
        private final Duration offset;

        Size(Duration length, Duration offset) {
            this.length = length;
            this.offset = offset;
        }

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public Duration length() {
            return length;
        }

        public Duration offset() {
            return offset;
        }

        /** The start of the window holding {@code at}. */
        public Instant startOf(Instant at) {
            long size = length.toMillis();
            long shift = offset.toMillis();
            return Instant.ofEpochMilli(Math.floorDiv(at.toEpochMilli() - shift, size) * size + shift);
        }

        public static Optional<Size> of(String label) {
            for (Size size : values()) {
                if (size.label().equalsIgnoreCase(label)) {
                    return Optional.of(size);
                }
            }
            return Optional.empty();
        }
    }
}
