package org.ticketpipeline.reading;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.ticketpipeline.schemas.ReleaseWatch;

/** One line of {@code GET /v1/releases}: a watched release, how long since it shipped, and its verdict. */
@Serdeable
public record ReleaseSummary(String releaseId, String product, String version, Instant releasedAt, Instant watchEndsAt,
                             double hoursSinceRelease, boolean closed, String verdict, long tickets, Instant updatedAt) {

    /** Open watches first, then closed ones; newest release first within each. */
    static final Comparator<ReleaseSummary> ORDER = Comparator.comparing(ReleaseSummary::closed)
            .thenComparing(ReleaseSummary::releasedAt, Comparator.reverseOrder()).thenComparing(ReleaseSummary::releaseId);

    /**
     * The hours since release are counted now, not at the snapshot, so an idle release still ages on screen;
     * below 0 for a release registered ahead of its time, as the watch answer says.
     */
    static ReleaseSummary of(ReleaseWatch w, Instant now) {
        double hours = Duration.between(w.getReleasedAt(), now).toMinutes() / 60.0;
        return new ReleaseSummary(w.getReleaseId(), w.getProduct(), w.getVersion(), w.getReleasedAt(), w.getWatchEndsAt(),
                Math.round(hours * 10) / 10.0, w.getClosed(), w.getVerdict(), w.getTicketCount(), w.getUpdatedAt());
    }

    /** The watches still open, and those closed within {@code closedWithin} of now, in {@link #ORDER}. */
    static List<ReleaseSummary> list(List<ReleaseWatch> watches, Instant now, Duration closedWithin, String product) {
        return watches.stream()
                .filter(w -> product == null || product.isBlank() || w.getProduct().equals(product))
                .filter(w -> !w.getClosed() || !w.getWatchEndsAt().isBefore(now.minus(closedWithin)))
                .map(w -> of(w, now)).sorted(ORDER).toList();
    }
}
