package org.ticketpipeline.reading;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.ticketpipeline.schemas.ReleaseWatch;
import org.ticketpipeline.schemas.WatchVerdict;
import org.ticketpipeline.schemas.WatchedTheme;

/** The answer of {@code GET /v1/releases/{id}/watch}: theme first, numbers second. */
@Serdeable
public record WatchAnswer(String releaseId, String product, String version, Instant releasedAt, Instant watchEndsAt,
                          double hoursSinceRelease, boolean closed, String verdict, long tickets,
                          List<Theme> confirmed, List<Theme> quiet, List<Theme> surprise, Instant updatedAt) {

    /** One theme of the watch. */
    @Serdeable
    public record Theme(String theme, String predictedStrength, String observedStrength, long observed,
                        double observedPerHour, double backgroundPerHour, double lift, List<String> quotes, List<Integer> hourly) {
    }

    /**
     * The watch as of {@code now}: its hours since release counted now, as the list of releases counts them, not at
     * its snapshot. A snapshot is made only when the findings change, so a quiet release registered ahead of its time
     * still read "-120" for up to an hour after it shipped.
     */
    static WatchAnswer of(ReleaseWatch w, Instant now) {
        return new WatchAnswer(w.getReleaseId(), w.getProduct(), w.getVersion(), w.getReleasedAt(), w.getWatchEndsAt(),
                round(java.time.Duration.between(w.getReleasedAt(), now).toSeconds() / 3600.0), w.getClosed(), w.getVerdict(), w.getTicketCount(),
                themes(w, WatchVerdict.CONFIRMED), themes(w, WatchVerdict.QUIET), themes(w, WatchVerdict.SURPRISE), w.getUpdatedAt());
    }

    private static List<Theme> themes(ReleaseWatch w, WatchVerdict verdict) {
        return w.getThemes().stream().filter(t -> t.getVerdict() == verdict).map(WatchAnswer::theme).toList();
    }

    private static Theme theme(WatchedTheme t) {
        return new Theme(t.getTheme(), lower(t.getPredictedStrength()), lower(t.getObservedStrength()), t.getObserved(),
                rate(t.getObservedPerHour()), rate(t.getBackgroundPerHour()), round(t.getLift()), t.getQuotes(), t.getHourly());
    }

    private static String lower(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT);
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }

    /**
     * A rate per hour to two decimals, but never a rate above 0 shown as 0: the page reads a usual rate of 0 as
     * "new since the release", as the pushed reading does, and one ticket in a 14-day background is 0.003 an hour.
     */
    static double rate(double perHour) {
        double rounded = round(perHour);
        return rounded == 0 && perHour > 0 ? new java.math.BigDecimal(perHour).round(new java.math.MathContext(2)).doubleValue() : rounded;
    }
}
