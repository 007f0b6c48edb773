package org.ticketpipeline.schemas.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PathSegmentsTest {

    @Test
    void shouldEscapeThePlusOfAPath() {
        assertThat(PathSegments.plusEscaped("/v1/releases/4.3.0+hotfix/watch")).isEqualTo("/v1/releases/4.3.0%2Bhotfix/watch");
        assertThat(PathSegments.plusEscaped("/v1/tickets/a++b")).isEqualTo("/v1/tickets/a%2B%2Bb");
    }

    @Test
    void shouldLeaveTheQueryAndAPathWithoutAPlusAsTheyAre() {
        assertThat(PathSegments.plusEscaped("/v1/products/a+b/themes?at=2026-11-02T10:30:00+01:00"))
                .isEqualTo("/v1/products/a%2Bb/themes?at=2026-11-02T10:30:00+01:00");
        String plain = "/v1/products/ledger/themes?at=2026-11-02T10:30:00+01:00";
        assertThat(PathSegments.plusEscaped(plain)).isSameAs(plain);
        assertThat(PathSegments.plusEscaped("/v1/releases/4.3.0%2Bhotfix/watch")).isEqualTo("/v1/releases/4.3.0%2Bhotfix/watch");
        assertThat(PathSegments.plusEscaped("")).isEmpty();
        assertThat(PathSegments.plusEscaped("?+")).isEqualTo("?+");
    }

    @Test
    void shouldSayHowToWriteAPlusInAPath() {
        assertThat(PathSegments.hasPlus("/v1/tickets/fd+1/corrections")).isTrue();
        assertThat(PathSegments.hasPlus("/v1/tickets/fd%2B1/corrections")).isFalse();
        assertThat(PathSegments.plusRefused("/v1/tickets/fd+1/corrections")).isEqualTo("the path holds a '+'; write it as %2B "
                + "(/v1/tickets/fd%2B1/corrections), as a client that encodes each part of a path does, and the name is read with its '+'");
    }
}
