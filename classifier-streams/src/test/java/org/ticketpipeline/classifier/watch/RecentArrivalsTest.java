package org.ticketpipeline.classifier.watch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentArrivalsTest {

    private static final long SETTLE = 10_000;
    private static final long WINDOW_END = 1_000_000;

    @Test
    void shouldBeSettledWithNoTicketOrNoneInTheLastSettle() {
        RecentArrivals arrivals = new RecentArrivals(SETTLE);
        assertThat(arrivals.settledBefore(WINDOW_END, 0)).isTrue();
        arrivals.landed(50_000, WINDOW_END - 1);
        assertThat(arrivals.settledBefore(WINDOW_END, 59_999)).isFalse();
        assertThat(arrivals.settledBefore(WINDOW_END, 60_000)).isTrue();
    }

    @Test
    void shouldNotWaitForTicketsLaterThanTheWindow() {
        RecentArrivals arrivals = new RecentArrivals(SETTLE);
        for (long wall = 0; wall < 100_000; wall += 1_000) {
            arrivals.landed(wall, WINDOW_END + wall);
        }
        assertThat(arrivals.settledBefore(WINDOW_END, 100_000)).isTrue();
        assertThat(arrivals.settledBefore(WINDOW_END + 95_000, 100_000)).as("a watch whose window holds the last ones").isFalse();
    }

    @Test
    void shouldWaitAtLeastOneSettleAndAtMostTwoAfterATicketThatCanChangeTheWatch() {
        RecentArrivals arrivals = new RecentArrivals(SETTLE);
        arrivals.landed(0, WINDOW_END + 5);
        arrivals.landed(9_000, WINDOW_END - 1); // the backlog's last, late in its bucket
        for (long wall = 10_000; wall <= 40_000; wall += 1_000) {
            arrivals.landed(wall, WINDOW_END + wall); // live traffic, a new bucket from 10 s
            boolean settled = arrivals.settledBefore(WINDOW_END, wall);
            if (wall < 19_000) {
                assertThat(settled).as("%d ms after the backlog's last", wall - 9_000).isFalse();
            }
            if (wall >= 29_000) {
                assertThat(settled).as("%d ms after the backlog's last", wall - 9_000).isTrue();
            }
        }
    }
}
