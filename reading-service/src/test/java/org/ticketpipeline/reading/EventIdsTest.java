package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void shouldKeepAnEventIdOnOneLine() {
        assertThat(EventIds.oneLine("ledger-4.3.0@1793610900000")).isEqualTo("ledger-4.3.0@1793610900000");
        assertThat(EventIds.oneLine("x\n\nevent: watch\r\ndata: {}")).isEqualTo("x%0A%0Aevent: watch%0D%0Adata: {}").doesNotContain("\n", "\r");
        assertThat(EventIds.oneLine("50%\0")).as("two ids never read alike").isEqualTo("50%25%00");
    }
}
