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

    /** A window's themes ranked, and those of the window before it ({@code before}) that it has none of, the most tickets first. */
    static ThemesAnswer.Window window(Instant start, Instant end, List<ThemeWindow> themes, List<ThemeWindow> before) {
        java.util.Set<String> here = new java.util.HashSet<>();
        themes.forEach(w -> here.add(w.getTheme()));
        List<ThemesAnswer.Gone> gone = before.stream().filter(w -> w.getVolume() > 0 && !here.contains(w.getTheme()))
                .sorted(Comparator.comparingLong(ThemeWindow::getVolume).reversed().thenComparing(ThemeWindow::getTheme))
                .map(w -> new ThemesAnswer.Gone(w.getTheme(), w.getVolume())).toList();
        ThemesAnswer.Window ranked = window(start, end, themes);
        return new ThemesAnswer.Window(ranked.start(), ranked.end(), ranked.volume(), ranked.themes(), gone);
    }

    static ThemesAnswer.Window window(Instant start, Instant end, List<ThemeWindow> themes) {
        List<ThemesAnswer.Theme> ranked = themes.stream()
                .sorted(Comparator.comparingLong(ThemeWindow::getVolume).reversed()
                        .thenComparing(w -> urgency(w.getMovement()))
                        .thenComparing(ThemeWindow::getTheme))
                .map(ThemeRanking::theme)
                .toList();
        long volume = themes.stream().mapToLong(ThemeWindow::getVolume).sum();
        return new ThemesAnswer.Window(start, end, volume, ranked, List.of());
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
