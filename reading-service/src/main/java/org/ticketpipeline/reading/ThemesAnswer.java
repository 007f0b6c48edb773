package org.ticketpipeline.reading;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The answer of {@code GET /v1/products/{product}/themes}: the window holding {@code at}, and the one before. */
@Serdeable
public record ThemesAnswer(String product, String window, Instant at, Window current, Window previous) {

    /**
     * One window with its themes, ranked, and the themes of the window before it that have no ticket in it:
     * a theme that fell to nothing has no window of its own to say "fading" in.
     */
    @Serdeable
    public record Window(Instant start, Instant end, long volume, List<Theme> themes, List<Gone> gone) {
    }

    /** A theme of the window before with no ticket in this one, and how many it had there. */
    @Serdeable
    public record Gone(String theme, long previousVolume) {
    }

    /** One theme in one window: movement first, numbers in support. */
    @Serdeable
    public record Theme(String theme, String movement, long volume, long previousVolume, long distinctCustomers,
                        Map<String, Long> kindMix, Map<String, Long> tierMix, List<String> quotes, Instant firstSeen) {
    }
}
