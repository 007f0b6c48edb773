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
}
