package org.ticketpipeline.classifier.topology;

/** The keys of theme aggregates and of {@code theme-windows} records. */
public final class ThemeKey {

    static final char SEPARATOR = '|';

    private ThemeKey() {
    }

    /** {@code product|theme}: the grouping key of the aggregates. */
    public static String of(String product, String theme) {
        return product + SEPARATOR + theme;
    }

    /** {@code product|window|windowStartMillis|theme}: one record per theme and window, the latest wins. */
    public static String ofWindow(String product, String window, long windowStart, String theme) {
        return product + SEPARATOR + window + SEPARATOR + windowStart + SEPARATOR + theme;
    }
}
