package org.ticketpipeline.schemas.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlankTest {

    @Test
    void shouldStripNoBreakAndZeroWidthSpacesAtTheEndsOnly() {
        assertThat(Blank.strip("\u00a0\ufeff ledger cloud\u200b\u00a0\t")).isEqualTo("ledger cloud");
        assertThat(Blank.strip("ledger\u00a0cloud")).isEqualTo("ledger\u00a0cloud");
        assertThat(Blank.strip("\u200b\u00a0")).isEmpty();
        assertThat(Blank.strip("caf\u00e9 \ud83d\ude00")).isEqualTo("caf\u00e9 \ud83d\ude00");
        assertThat(Blank.strip("")).isEmpty();
    }

    @Test
    void shouldCountInvisibleCharactersAsBlank() {
        assertThat(Blank.isBlank("\u200b\u00a0\ufeff")).isTrue();
        assertThat(Blank.isBlank(null)).isTrue();
        assertThat(Blank.isBlank(" a ")).isFalse();
    }
}
