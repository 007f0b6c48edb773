package org.ticketpipeline.classifier.watch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WatchVerdictsTest {

    @Test
    void shouldMatchThemesWhateverTheirCaseAndSpaces() {
        assertThat(WatchVerdicts.themeKey("CSV export times out")).isEqualTo("csv export times out");
        assertThat(WatchVerdicts.themeKey(" CSV  export\u00a0times\tout ")).isEqualTo("csv export times out");
        assertThat(WatchVerdicts.themeKey("a\u2028b")).as("every separator the look finds is replaced").isEqualTo("a b");
        assertThat(WatchVerdicts.themeKey("a\u001fb")).isEqualTo("a b");
    }
}
