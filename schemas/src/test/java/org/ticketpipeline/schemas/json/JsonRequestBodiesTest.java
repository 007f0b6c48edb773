package org.ticketpipeline.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

class JsonRequestBodiesTest {

    private static String wrong(String body) {
        try {
            JsonRequestBodies.read(body);
        } catch (JsonProcessingException e) {
            return JsonRequestBodies.whatIsWrong(e);
        }
        throw new AssertionError("read without an error: " + body);
    }

    @Test
    void shouldRefuseAFieldGivenTwiceAndSayWhichAndWhere() {
        assertThat(wrong("{\"product\":\"ledger\",\"product\":\"roster\"}"))
                .isEqualTo(" at line 1, column 30: duplicate field 'product', each field is given once");
        assertThat(wrong("[{\"a\":1},{\"b\":1,\"b\":2}]")).contains("duplicate field 'b'");
    }

    @Test
    void shouldReadTheSameFieldInTwoObjectsAndNestedOnes() throws JsonProcessingException {
        assertThat(JsonRequestBodies.read("[{\"a\":1},{\"a\":2,\"n\":{\"a\":3}}]").get(1).path("n").path("a").asInt()).isEqualTo(3);
    }

    @Test
    void shouldSayWhatIsWrongWithoutTheParsersInternals() {
        assertThat(wrong("{\"eventId\":\"x\"}{\"eventId\":\"y\"}"))
                .endsWith(": more follows the first JSON value; send one value (an array holds many)");
        assertThat(wrong("{\"eventId\":\"x\"")).contains("expected close marker for Object (opened at line 1, column 1)")
                .doesNotContain("Source").doesNotContain("StreamReadFeature");
        assertThat(wrong("[".repeat(1_001) + "]".repeat(1_001))).contains("exceeds the maximum allowed (1000)")
                .doesNotContain("StreamReadConstraints");
    }

    @Test
    void shouldKeepAMessageWithNothingToTidy() {
        assertThat(JsonRequestBodies.reason("Unexpected character ('}' (code 125))")).isEqualTo("Unexpected character ('}' (code 125))");
        assertThatThrownBy(() -> JsonRequestBodies.read("{")).isInstanceOf(JsonProcessingException.class);
    }
}
