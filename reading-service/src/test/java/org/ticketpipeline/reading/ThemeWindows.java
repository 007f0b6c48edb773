package org.ticketpipeline.reading;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ticketpipeline.schemas.Movement;
import org.ticketpipeline.schemas.ThemeWindow;

/** Theme windows for tests. */
final class ThemeWindows {

    private ThemeWindows() {
    }

    static ThemeWindow hour(String product, String theme, Instant start, long volume, long previous, Movement movement) {
        return ThemeWindow.newBuilder()
                .setProduct(product)
                .setTheme(theme)
                .setWindow("hour")
                .setWindowStart(start)
                .setWindowEnd(start.plusSeconds(3600))
                .setVolume(volume)
                .setDistinctCustomers(volume)
                .setKindMix(Map.of("BUG", volume))
                .setTierMix(Map.of("L1", volume))
                .setQuotes(List.of("It spins then fails."))
                .setFirstSeen(start)
                .setPreviousVolume(previous)
                .setMovement(movement)
                .build();
    }
}
