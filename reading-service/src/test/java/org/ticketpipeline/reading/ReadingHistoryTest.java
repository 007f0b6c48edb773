package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.http.sse.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.schemas.Reading;
import org.ticketpipeline.schemas.ReadingKind;
import org.ticketpipeline.schemas.registry.SchemaRegistryException;

/** The history a reconnecting client is replayed is read whole, also when the schema registry is away at start. */
class ReadingHistoryTest {

    private static final String TOPIC = "readings";
    private static final TopicPartition FIRST = new TopicPartition(TOPIC, 0);
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    /** Kafka's mock, which cannot look offsets up by time: every reading here is within the window. */
    private static final class Topic extends MockConsumer<String, Reading> {
        Topic() {
            super("earliest");
            updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, Node.noNode(), new Node[0], new Node[0])));
            updateBeginningOffsets(Map.of(FIRST, 0L));
            updateEndOffsets(Map.of(FIRST, 2L));
        }

        @Override
        public synchronized Map<TopicPartition, OffsetAndTimestamp> offsetsForTimes(Map<TopicPartition, Long> timestamps) {
            return Map.of(FIRST, new OffsetAndTimestamp(0, NOW.toEpochMilli()));
        }

        /** Waits as a broker's poll does when nothing comes, rather than spin a core for the test's length. */
        @Override
        public ConsumerRecords<String, Reading> poll(Duration timeout) {
            ConsumerRecords<String, Reading> records = super.poll(timeout);
            if (records.isEmpty()) {
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            return records;
        }
    }

    /** What the consumer throws when the deserializer fails, as the Avro deserializer wraps its cause. */
    private static RecordDeserializationException unreadable(long offset, RuntimeException cause) {
        return new RecordDeserializationException(RecordDeserializationException.DeserializationExceptionOrigin.VALUE, FIRST, offset,
                NOW.toEpochMilli(), TimestampType.CREATE_TIME, null, null, new RecordHeaders(), "cannot read record",
                new SerializationException(cause.getMessage(), cause));
    }

    private static ReplayLog<Event<String>> log() {
        return new ReplayLog<>(100, Duration.ofDays(14), Duration.ofMinutes(5), 1_024, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static ConsumerRecord<String, Reading> reading(long offset, String id) {
        Reading reading = Reading.newBuilder().setReadingId(id).setKind(ReadingKind.WEEKLY).setProduct("ledger").setAudience("trio")
                .setPeriodStart(NOW.minus(Duration.ofDays(7))).setPeriodEnd(NOW).setLines(List.of("Five lines.")).setMadeFrom("test")
                .setGeneratedAt(NOW).build();
        return new ConsumerRecord<>(TOPIC, 0, offset, NOW.toEpochMilli(), TimestampType.CREATE_TIME, 0, 0, id, reading, new RecordHeaders(),
                java.util.Optional.empty());
    }

    @Test
    void shouldWaitOutASchemaRegistryAwayAtStartRatherThanSkipTheHistory() {
        Topic topic = new Topic();
        topic.schedulePollTask(() -> {
            topic.addRecord(reading(0, "a"));
            topic.addRecord(reading(1, "b"));
        });
        // the first poll meets the registry away, as the deserializer reports it
        topic.setPollException(unreadable(0, new SchemaRegistryException("readings-value", 0, "connection refused")));
        ReplayLog<Event<String>> recent = log();

        try (ReadingHistory<Event<String>> history = new ReadingHistory<>(topic, TOPIC, Duration.ofDays(14), recent, r -> Event.of(r.getReadingId()), Clock.systemUTC())) {
            List<String> afterA = new CopyOnWriteArrayList<>();
            var client = recent.follow("a").subscribe(item -> afterA.add(item instanceof ReplayLog.Given<Event<String>> given
                    ? given.entry().eventId() : "missed"));
            await().atMost(Duration.ofSeconds(20)).until(recent::isCaughtUp);

            assertThat(recent.size()).as("both readings of the history, none skipped for the registry's absence").isEqualTo(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> !afterA.isEmpty());
            assertThat(afterA).containsExactly("b");
            client.dispose();
        }
    }

    @Test
    void shouldSkipARecordWhoseSchemaTheRegistrySaysItNeverGaveAndReadOn() {
        Topic topic = new Topic();
        topic.schedulePollTask(() -> topic.addRecord(reading(1, "b")));
        // bad bytes, not the registry away: waiting would stall the stream for good
        topic.setPollException(unreadable(0, new SchemaRegistryException("readings-value", 404, SchemaRegistryException.SCHEMA_NOT_FOUND,
                "schema not found", null)));
        ReplayLog<Event<String>> recent = log();

        try (ReadingHistory<Event<String>> history = new ReadingHistory<>(topic, TOPIC, Duration.ofDays(14), recent, r -> Event.of(r.getReadingId()), Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(20)).until(recent::isCaughtUp);

            assertThat(recent.size()).as("the unreadable record skipped, the next read").isEqualTo(1);
        }
    }
}
