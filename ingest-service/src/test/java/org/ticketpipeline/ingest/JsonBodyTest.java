package org.ticketpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonBodyTest {

    @Test
    void shouldRefuseAFieldGivenTwiceRatherThanKeepTheLast() {
        assertThatThrownBy(() -> JsonBody.parse("{\"product\":\"ledger\",\"product\":\"roster\"}")).isInstanceOf(JsonBody.MalformedJson.class)
                .hasMessage("the body is not valid JSON at line 1, column 30: duplicate field 'product', each field is given once");
    }
}
