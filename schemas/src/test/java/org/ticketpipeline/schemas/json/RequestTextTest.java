package org.ticketpipeline.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestTextTest {

    @Test
    void shouldReadTheCharsetAsHttpAllowsItToBeWritten() throws Exception {
        assertThat(RequestText.charsetOf(null)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(RequestText.charsetOf("application/json")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(RequestText.charsetOf("application/json; charset=ISO-8859-1")).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(RequestText.charsetOf("application/json; charset=\"utf-8\"")).as("quoted").isEqualTo(StandardCharsets.UTF_8);
        assertThat(RequestText.charsetOf("application/json;Charset=iso-8859-1")).as("in another case").isEqualTo(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> RequestText.charsetOf("application/json; charset=klingon")).isInstanceOf(RequestText.Unreadable.class)
                .hasMessageContaining("klingon").satisfies(e -> assertThat(((RequestText.Unreadable) e).status()).isEqualTo(415));
    }

    @Test
    void shouldSayAtWhichByteABodyIsNotUtf8() {
        byte[] body = "{\"a\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> RequestText.of(body, "application/json")).isInstanceOf(RequestText.Unreadable.class)
                .hasMessageStartingWith("the body is not valid UTF-8 at byte 10 (0xE9)")
                .satisfies(e -> assertThat(((RequestText.Unreadable) e).status()).isEqualTo(400));
    }

    @Test
    void shouldReadABodyInTheCharsetNamedAndWithoutItsByteOrderMark() throws Exception {
        assertThat(RequestText.of("{\"a\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1), "application/json; charset=iso-8859-1"))
                .isEqualTo("{\"a\": \"caf\u00e9\"}");
        assertThat(RequestText.of("\uFEFF{}".getBytes(StandardCharsets.UTF_8), "application/json")).isEqualTo("{}");
        assertThat(RequestText.of(null, null)).isEmpty();
        assertThat(RequestText.of("\uFEFF".getBytes(StandardCharsets.UTF_8), null)).as("a mark alone: an empty body").isEmpty();
    }
}
