package org.ticketpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodyTest {

    @Test
    void shouldReadTheCharsetAsHttpAllowsItToBeWritten() throws Exception {
        assertThat(JsonBody.charsetOf(null)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(JsonBody.charsetOf("application/json")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(JsonBody.charsetOf("application/json; charset=ISO-8859-1")).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(JsonBody.charsetOf("application/json; charset=\"utf-8\"")).as("quoted").isEqualTo(StandardCharsets.UTF_8);
        assertThat(JsonBody.charsetOf("application/json;Charset=iso-8859-1")).as("in another case").isEqualTo(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> JsonBody.charsetOf("application/json; charset=klingon")).isInstanceOf(JsonBody.MalformedJson.class)
                .hasMessageContaining("klingon");
    }

    @Test
    void shouldSayAtWhichByteABodyIsNotUtf8() {
        byte[] body = "{\"a\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> JsonBody.decode(body, StandardCharsets.UTF_8)).isInstanceOf(JsonBody.MalformedJson.class)
                .hasMessageStartingWith("the body is not valid UTF-8 at byte 10 (0xE9)");
    }

    @Test
    void shouldTakeABodyOfOnlyAByteOrderMarkForAnEmptyOne() {
        assertThatThrownBy(() -> JsonBody.parse("\uFEFF")).isInstanceOf(JsonBody.MalformedJson.class).hasMessageStartingWith("the request has no body");
    }

    @Test
    void shouldRefuseAFieldGivenTwiceRatherThanKeepTheLast() {
        assertThatThrownBy(() -> JsonBody.parse("{\"product\":\"ledger\",\"product\":\"roster\"}")).isInstanceOf(JsonBody.MalformedJson.class)
                .hasMessage("the body is not valid JSON at line 1, column 30: duplicate field 'product', each field is given once");
    }
}
