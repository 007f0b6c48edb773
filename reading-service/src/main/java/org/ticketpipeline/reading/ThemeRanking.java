package org.ticketpipeline.reading;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.ticketpipeline.schemas.Movement;
import org.ticketpipeline.schemas.ThemeWindow;

/** Ranks a window's themes: most tickets first; on a tie, new and rising themes before steady and fading ones; then by name. */
final class ThemeRanking {

    private ThemeRanking() {
    }

    static ThemesAnswer.Window window(Instant start, Instant end, List<ThemeWindow> themes) {
        List<ThemesAnswer.Theme> ranked = themes.stream()
                .sorted(Comparator.comparingLong(ThemeWindow::getVolume).reversed()
                        .thenComparing(w -> urgency(w.getMovement()))
                        .thenComparing(ThemeWindow::getTheme))
                .map(ThemeRanking::theme)
                .toList();
        long volume = themes.stream().mapToLong(ThemeWindow::getVolume).sum();
        return new ThemesAnswer.Window(start, end, volume, ranked);
    }

    private static int urgency(Movement movement) {
        return switch (movement) {
            case NEW -> 0;
            case RISING -> 1;
            case STEADY -> 2;
            case FADING -> 3;
        };
    }

    private static ThemesAnswer.Theme theme(ThemeWindow w) {
        return new ThemesAnswer.Theme(w.getTheme(), w.getMovement().name().toLowerCase(Locale.ROOT), w.getVolume(),
                w.getPreviousVolume(), w.getDistinctCustomers(), w.getKindMix(), w.getTierMix(), w.getQuotes(), w.getFirstSeen());
    }
}
