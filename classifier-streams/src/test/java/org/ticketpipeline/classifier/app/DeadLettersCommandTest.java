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

    @Test
    void shouldSayWhatRetentionDeletedBeforeARedriveHandledIt() {
        org.apache.kafka.common.TopicPartition p = new org.apache.kafka.common.TopicPartition("ticket-events.dlt", 0);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream print = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);

        assertThat(DeadLettersCommand.sayWhatRetentionDeleted(java.util.Map.of(p, 0L), java.util.Map.of(), print)).as("nothing deleted").isZero();
        assertThat(DeadLettersCommand.sayWhatRetentionDeleted(java.util.Map.of(p, 40L), java.util.Map.of(p, new OffsetAndMetadata(40L)), print))
                .as("deleted after a redrive handled them").isZero();
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).isEmpty();

        assertThat(DeadLettersCommand.sayWhatRetentionDeleted(java.util.Map.of(p, 12L), java.util.Map.of(), print)).isEqualTo(12);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("ticket-events.dlt-0: 12 dead letters were deleted by the topic's retention before a redrive handled them (offsets 0-11); ");
        out.reset();

        // a redrive committed up to 30, naming 5 and 25 to read again; retention then deleted up to 35
        OffsetAndMetadata commit = new OffsetAndMetadata(30L, DeadLettersCommand.named(new TreeSet<>(java.util.List.of(5L, 25L))).metadata());
        assertThat(DeadLettersCommand.sayWhatRetentionDeleted(java.util.Map.of(p, 35L), java.util.Map.of(p, commit), print)).isEqualTo(7);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("7 dead letters were deleted by the topic's retention before a redrive handled them (offsets 30-34), and 2 an earlier redrive could not read or send");
        out.reset();
        // retention deleted up to 10 only: of the two named, the first
        assertThat(DeadLettersCommand.sayWhatRetentionDeleted(java.util.Map.of(p, 10L), java.util.Map.of(p, commit), print)).isEqualTo(1);
        assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8)).contains(": 1 dead letter was deleted by the topic's retention before a "
                + "redrive handled it (1 an earlier redrive could not read or send);");
    }
}
