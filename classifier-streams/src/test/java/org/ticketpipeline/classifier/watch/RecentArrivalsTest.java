package org.ticketpipeline.classifier.watch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentArrivalsTest {

    private static final long SETTLE = 10_000;
    private static final long HOUR = 3_600_000;
    /** A watch's background start and window end, in event time. */
    private static final long BACKGROUND_START = 100 * HOUR;
    private static final long WINDOW_END = 200 * HOUR;

    private static boolean settled(RecentArrivals arrivals, long wallClock) {
        return arrivals.settledBetween(BACKGROUND_START, WINDOW_END, wallClock);
    }

    @Test
    void shouldBeSettledWithNoTicketOrNoneInTheLastSettle() {
        RecentArrivals arrivals = new RecentArrivals(SETTLE);
        assertThat(settled(arrivals, 0)).isTrue();
        arrivals.landed(50_000, WINDOW_END - 1);
        assertThat(settled(arrivals, 59_999)).isFalse();
        assertThat(settled(arrivals, 60_000)).isTrue();
    }

    @Test
    void shouldNotWaitForTicketsLaterThanTheWindowOrOlderThanTheBackground() {
        RecentArrivals arrivals = new RecentArrivals(SETTLE);
        for (long wall = 0; wall < 100_000; wall += 1_000) {
            arrivals.landed(wall, WINDOW_END + HOUR + wall); // live traffic, an hour and more after the window
            arrivals.landed(wall, BACKGROUND_START - HOUR - wall * 1_000); // a backfill of older tickets
        }
        assertThat(settled(arrivals, 100_000)).isTrue();
        assertThat(arrivals.settledBetween(BACKGROUND_START, WINDOW_END + 2 * HOUR, 100_000))
                .as("a watch whose window holds the live ones").isFalse();
        // the last ones landed (from 90 s on) are of 25 to 27.5 hours before the background's start
        assertThat(arrivals.settledBetween(BACKGROUND_START - 30 * HOUR, WINDOW_END, 100_000))
                .as("a watch whose background holds the backfill").isFalse();
    }

    @Test
    void shouldWaitAtLeastOneSettleAndAtMostTwoAfterATicketThatCanChangeTheWatch() {
        RecentArrivals arrivals = new RecentArrivals(SETTLE);
        arrivals.landed(0, WINDOW_END + HOUR);
        arrivals.landed(9_000, WINDOW_END - 1); // the backlog's last, late in its bucket
        for (long wall = 10_000; wall <= 40_000; wall += 1_000) {
            arrivals.landed(wall, WINDOW_END + HOUR + wall); // live traffic, a new bucket from 10 s
            boolean settled = settled(arrivals, wall);
            if (wall < 19_000) {
                assertThat(settled).as("%d ms after the backlog's last", wall - 9_000).isFalse();
            }
            if (wall >= 29_000) {
                assertThat(settled).as("%d ms after the backlog's last", wall - 9_000).isTrue();
            }
        }
    }
}
