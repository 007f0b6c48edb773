package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.schemas.Movement;

class ThemeRankingTest {

    private static final Instant H = Instant.parse("2026-11-02T09:00:00Z");

    @Test
    void shouldRankByVolumeThenNewAndRisingBeforeSteadyThenByName() {
        ThemesAnswer.Window window = ThemeRanking.window(H, H.plusSeconds(3600), List.of(
                ThemeWindows.hour("ledger", "b steady", H, 3, 3, Movement.STEADY),
                ThemeWindows.hour("ledger", "a rising", H, 3, 1, Movement.RISING),
                ThemeWindows.hour("ledger", "big", H, 9, 8, Movement.STEADY),
                ThemeWindows.hour("ledger", "c steady", H, 3, 3, Movement.STEADY)));

        assertThat(window.themes()).extracting(ThemesAnswer.Theme::theme).containsExactly("big", "a rising", "b steady", "c steady");
        assertThat(window.volume()).isEqualTo(18);
        assertThat(window.themes().get(1).movement()).isEqualTo("rising");
    }

    @Test
    void shouldNameTheThemesOfTheWindowBeforeThatFellToNothing() {
        ThemesAnswer.Window window = ThemeRanking.window(H, H.plusSeconds(3600),
                List.of(ThemeWindows.hour("ledger", "still here", H, 2, 3, Movement.STEADY)),
                List.of(ThemeWindows.hour("ledger", "still here", H.minusSeconds(3600), 3, 1, Movement.RISING),
                        ThemeWindows.hour("ledger", "gone quiet", H.minusSeconds(3600), 10, 2, Movement.RISING),
                        ThemeWindows.hour("ledger", "also gone", H.minusSeconds(3600), 1, 0, Movement.NEW)));

        assertThat(window.themes()).extracting(ThemesAnswer.Theme::theme).containsExactly("still here");
        assertThat(window.gone()).containsExactly(new ThemesAnswer.Gone("gone quiet", 10), new ThemesAnswer.Gone("also gone", 1));
    }
}
