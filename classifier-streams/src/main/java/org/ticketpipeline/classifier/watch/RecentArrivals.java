package org.ticketpipeline.classifier.watch;

/**
 * When a product's tickets last landed, and how early in event time those of the last moments were: a
 * watch waits for the tickets that can still change it (event times before its window's end), not for
 * the product's live traffic, which on a busy product never stops long enough to settle.
 *
 * <p>Kept in two buckets of at least {@code settle} of wall clock each, rather than every arrival: a
 * busy product lands thousands of tickets in a settle, and a watch may wait up to two settles, never
 * less than one, after the last ticket that can change it.
 */
final class RecentArrivals {

    private final long settle;
    private long lastAt = Long.MIN_VALUE;
    private long bucketStart = Long.MIN_VALUE;
    private long earliest = Long.MAX_VALUE;
    private long previousEarliest = Long.MAX_VALUE;

    RecentArrivals(long settleMillis) {
        this.settle = settleMillis;
    }

    /** A ticket of event time {@code occurredAt} landed at {@code wallClock}. */
    void landed(long wallClock, long occurredAt) {
        if (bucketStart == Long.MIN_VALUE || wallClock - bucketStart >= settle) {
            // the bucket before the one ending now may still hold arrivals of the last settle; older ones cannot
            previousEarliest = bucketStart != Long.MIN_VALUE && wallClock - bucketStart < 2 * settle ? earliest : Long.MAX_VALUE;
            bucketStart = wallClock;
            earliest = Long.MAX_VALUE;
        }
        earliest = Math.min(earliest, occurredAt);
        lastAt = Math.max(lastAt, wallClock);
    }

    /** True when no ticket of event time before {@code eventTime} may have landed in the last settle. */
    boolean settledBefore(long eventTime, long wallClock) {
        if (lastAt == Long.MIN_VALUE || wallClock - lastAt >= settle) {
            return true;
        }
        long recentEarliest = wallClock - bucketStart < settle ? Math.min(earliest, previousEarliest) : earliest;
        return recentEarliest >= eventTime;
    }
}
