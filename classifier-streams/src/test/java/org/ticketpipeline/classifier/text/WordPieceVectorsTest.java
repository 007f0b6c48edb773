package org.ticketpipeline.classifier.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** A text's meaning as the mean of its word pieces' vectors: what the kind model weighs beside the words. */
class WordPieceVectorsTest {

    private final WordPieceVectors pieces = WordPieceVectors.minilm();

    @Test
    void shouldGiveAVectorOfUnitLengthOfTheEncodersDimensions() {
        float[] v = pieces.vector("The export crashes when I open a report");

        assertThat(v).hasSize(384);
        assertThat(dot(v, v)).isCloseTo(1.0, Offset.offset(1e-5));
        assertThat(pieces.vector("")).containsOnly(0f);
    }

    @Test
    void shouldPutTicketsThatSayTheSameInOtherWordsNearerThanTicketsThatAskSomethingElse() {
        float[] crash = pieces.vector("app crashes on start");
        float[] question = pieces.vector("How do I reset my password?");

        assertThat(dot(crash, pieces.vector("application closes unexpectedly on launch")))
                .isGreaterThan(dot(crash, pieces.vector("please add dark theme")) + 0.2);
        assertThat(dot(question, pieces.vector("Where can I change my password")))
                .isGreaterThan(dot(question, pieces.vector("The password reset page shows an error")) + 0.2);
    }

    @Test
    void shouldReadTheFirst512PiecesOfALongText() {
        String head = "word ".repeat(WordPieceVectors.MAX_PIECES - 12);

        assertThat(pieces.vector(head + "zebra crossing")).as("pieces 501 and 502 count").isNotEqualTo(pieces.vector(head));
        String full = "word ".repeat(WordPieceVectors.MAX_PIECES);
        assertThat(pieces.vector(full + "zebra crossing giraffe")).as("piece 513 on does not").containsExactly(pieces.vector(full));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
