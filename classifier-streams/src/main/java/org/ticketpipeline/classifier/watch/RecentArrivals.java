package org.ticketpipeline.classifier.watch;

import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * When a product's tickets last landed, and which hours of event time those of the last moments were
 * of: a watch waits for the tickets that can still change it (event times from its background's start
 * to its window's end), not for the product's live traffic, which on a busy product never stops long
 * enough to settle, nor for a backfill of last year's tickets.
 *
 * <p>Kept in two buckets of at least {@code settle} of wall clock each, each with the hours its tickets
 * were of, rather than every arrival: a busy product lands thousands of tickets in a settle, in a hand
 * of hours. A watch may wait up to two settles, never less than one, after the last ticket that can
 * change it; a ticket of the hour a window ends in holds it, though it may come after the end.
 */
final class RecentArrivals {

    private static final long HOUR = 3_600_000;

    private final long settle;
    private long lastAt = Long.MIN_VALUE;
    private long bucketStart = Long.MIN_VALUE;
    private NavigableSet<Long> hours = new TreeSet<>();
    private NavigableSet<Long> previousHours = new TreeSet<>();

    RecentArrivals(long settleMillis) {
        this.settle = settleMillis;
    }

    /** A ticket of event time {@code occurredAt} landed at {@code wallClock}. */
    void landed(long wallClock, long occurredAt) {
        if (bucketStart == Long.MIN_VALUE || wallClock - bucketStart >= settle) {
            // the bucket before the one ending now may still hold arrivals of the last settle; older ones cannot
            previousHours = bucketStart != Long.MIN_VALUE && wallClock - bucketStart < 2 * settle ? hours : new TreeSet<>();
            bucketStart = wallClock;
            hours = new TreeSet<>();
        }
        hours.add(Math.floorDiv(occurredAt, HOUR));
        lastAt = Math.max(lastAt, wallClock);
    }

    /** True when no ticket of event time from {@code from} to before {@code to} may have landed in the last settle. */
    boolean settledBetween(long from, long to, long wallClock) {
        if (lastAt == Long.MIN_VALUE || wallClock - lastAt >= settle) {
            return true;
        }
        long first = Math.floorDiv(from, HOUR);
        long last = Math.floorDiv(to - 1, HOUR);
        return !holdsAny(hours, first, last) && !(wallClock - bucketStart < settle && holdsAny(previousHours, first, last));
    }

    private static boolean holdsAny(NavigableSet<Long> hours, long first, long last) {
        Long found = hours.ceiling(first);
        return found != null && found <= last;
    }
}
