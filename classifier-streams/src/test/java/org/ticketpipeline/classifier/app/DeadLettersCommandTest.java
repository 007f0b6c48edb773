package org.ticketpipeline.classifier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeSet;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.junit.jupiter.api.Test;

/** How a redrive's commit names the letters the next redrive reads again. */
class DeadLettersCommandTest {

    @Test
    void shouldNameTheLettersToReadAgainInACommitAndReadThemBack() {
        TreeSet<Long> offsets = new TreeSet<>(java.util.List.of(5L, 1_500_000L, 1_500_002L, 1_500_004L));

        DeadLettersCommand.Named named = DeadLettersCommand.named(offsets);

        assertThat(named.left()).isZero();
        assertThat(DeadLettersCommand.unreadableIn(new OffsetAndMetadata(2_000_000L, named.metadata()))).containsExactlyElementsOf(offsets);
        assertThat(DeadLettersCommand.unreadableIn(new OffsetAndMetadata(7L))).isEmpty();
        assertThat(DeadLettersCommand.named(new TreeSet<>()).metadata()).isEmpty();
    }

    @Test
    void shouldNameAboutAThousandLettersPutAsideTogetherAndCountThoseThatDoNotFit() {
        // a registry mishap: letters a few offsets apart, transaction markers between them
        TreeSet<Long> together = new TreeSet<>();
        LongStream.range(0, 1_000).forEach(i -> together.add(4_000_000L + 2 * i));
        TreeSet<Long> many = new TreeSet<>(together);
        LongStream.range(0, 2_000).forEach(i -> many.add(9_000_000L + 2 * i));

        assertThat(DeadLettersCommand.named(together).left()).isZero();
        DeadLettersCommand.Named overflow = DeadLettersCommand.named(many);
        assertThat(overflow.metadata().length()).isLessThanOrEqualTo(DeadLettersCommand.MAX_METADATA);
        assertThat(overflow.left()).isPositive();
        assertThat(DeadLettersCommand.unreadableIn(new OffsetAndMetadata(1L, overflow.metadata())))
                .hasSize(many.size() - overflow.left()).first().isEqualTo(4_000_000L);
    }
}
