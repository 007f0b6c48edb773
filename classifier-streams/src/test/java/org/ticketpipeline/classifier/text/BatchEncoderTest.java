package org.ticketpipeline.classifier.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped MiniLM through our encoder: a ticket's vector barely depends on what else is embedded beside it. */
class BatchEncoderTest {

    private static final String TICKET = "Can't clock in since the update, the button is grey";
    private static final List<String> OTHERS = List.of(
            "hi",
            "The weekly roster export to PDF cuts off the last column and the totals are missing on every page",
            "Where do I change my password?",
            "Invoice total wrong when a discount is applied, it shows 0 instead of the amount");

    private static BatchEncoder encoder;

    @BeforeAll
    static void load() {
        encoder = new BatchEncoder(SentenceEmbedder.Model.MINILM, 32, 2, 64);
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    /**
     * Texts of other lengths in the same call are padded, and the padding must not leak into a
     * text's vector. The int8 model quantises a call's activations with one scale, so the vectors are
     * close but not identical (cosine about 0.99); one call per text would make them identical, but
     * cost about an eighth of the benchmark's throughput (BENCHMARKS.md).
     */
    @Test
    void aTicketGetsNearlyTheSameVectorAloneAndAmongOthersOfOtherLengths() {
        float[] alone = encoder.vector(TICKET);
        List<String> texts = new ArrayList<>(OTHERS);
        texts.add(2, TICKET);
        // two workers: the first three texts ("hi", the long one, the ticket) share one padded call
        List<float[]> together = encoder.vectors(texts);

        assertThat(together).hasSize(5);
        assertThat(dot(together.get(2), alone)).isGreaterThan(0.98);
        assertThat(dot(together.get(0), alone)).isLessThan(0.9);
    }

    @Test
    void vectorsAreNormalisedAndCloserForTheSameComplaint() {
        float[] clockIn = encoder.vector(TICKET);
        float[] clockInAgain = encoder.vector("Clock-in button greyed out after updating, can't clock in");
        float[] password = encoder.vector("Where do I change my password?");

        assertThat(dot(clockIn, clockIn)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(dot(clockIn, clockInAgain)).isGreaterThan(dot(clockIn, password) + 0.2);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
