package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.schemas.ReleaseWatch;

class ReleaseSummaryTest {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    private static ReleaseWatch watch(String id, String product, Duration ago, boolean closed) {
        Instant released = NOW.minus(ago);
        return ReleaseWatch.newBuilder().setReleaseId(id).setProduct(product).setVersion(id).setReleasedAt(released)
                .setWatchEndsAt(released.plus(Duration.ofHours(48))).setClosed(closed).setUpdatedAt(NOW.minusSeconds(30)).build();
    }

    @Test
    void shouldListOpenWatchesFirstNewestFirstAndDropThoseClosedLongAgo() {
        List<ReleaseWatch> watches = List.of(
                watch("closed-recently", "ledger", Duration.ofDays(3), true),
                watch("open-older", "ledger", Duration.ofHours(30), false),
                watch("closed-long-ago", "ledger", Duration.ofDays(20), true),
                watch("open-newer", "roster", Duration.ofHours(2), false));

        List<ReleaseSummary> list = ReleaseSummary.list(watches, NOW, Duration.ofDays(14), null);

        assertThat(list).extracting(ReleaseSummary::releaseId).containsExactly("open-newer", "open-older", "closed-recently");
        assertThat(list.get(0).hoursSinceRelease()).as("counted now, not at the snapshot").isEqualTo(2.0);
        assertThat(ReleaseSummary.list(watches, NOW, Duration.ofDays(14), "roster")).extracting(ReleaseSummary::releaseId)
                .containsExactly("open-newer");
        assertThat(ReleaseSummary.list(watches, NOW, Duration.ZERO, "")).extracting(ReleaseSummary::releaseId)
                .containsExactly("open-newer", "open-older");
    }
}
