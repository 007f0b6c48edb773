package org.ticketpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.TicketEventType;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.topic.TopicNames;
import org.ticketpipeline.schemas.topic.Topics;

class EventPublisherTest {

    /** A producer whose sends answer at once, as KafkaProducer does when a send fails before it leaves (metadata not found in max.block.ms). */
    static class AnsweringProducer extends MockProducer<String, SpecificRecord> {
        final List<ProducerRecord<String, SpecificRecord>> sent = new ArrayList<>();
        private final IntPredicate fails;

        AnsweringProducer(IntPredicate fails) {
            this.fails = fails;
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, SpecificRecord> record) {
            return send(record, null);
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, SpecificRecord> record, Callback callback) {
            int index = sent.size();
            sent.add(record);
            if (fails.test(index)) {
                return CompletableFuture.failedFuture(new TimeoutException("Topic ticket-events not present in metadata after 5000 ms."));
            }
            return CompletableFuture.completedFuture(new RecordMetadata(new TopicPartition(record.topic(), 0), index, 0, 0L, 1, 1));
        }
    }

    private static final class NoTopicsToCreate extends TopicBootstrap {
        NoTopicsToCreate() {
            super(new KafkaSettings(), null);
        }

        @Override
        void ensureTopics() {
        }
    }

    private static EventPublisher publisher(AnsweringProducer producer) {
        Topics topics = new Topics(TopicNames.DEFAULTS, new SchemaRegistryClient("http://127.0.0.1:1"));
        return new EventPublisher(producer, topics, new NoTopicsToCreate(), new KafkaSettings(), new SimpleMeterRegistry());
    }

    private static List<TicketEvent> events(int n) {
        List<TicketEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(TicketEvent.newBuilder().setEventId("e" + i).setTicketId("t" + i).setType(TicketEventType.CREATED)
                    .setOccurredAt(Instant.parse("2026-11-02T09:15:00Z")).setSourceHelpdesk("zendesk").setProduct("ledger")
                    .setSubject("CSV export times out").build());
        }
        return events;
    }

    @Test
    void shouldStopSendingABatchOnceASendHasFailedRatherThanWaitForEachInTurn() {
        AnsweringProducer producer = new AnsweringProducer(index -> true);

        KafkaUnavailableException e = catchThrowableOfType(KafkaUnavailableException.class, () -> publisher(producer).publishEvents(events(100)));

        // each send of the 100 could block for max.block.ms on the topic's metadata: a request then waited 100 times that
        assertThat(producer.sent).hasSize(1);
        assertThat(e.written()).isZero();
        assertThat(e.getMessage()).contains("not present in metadata");
    }

    @Test
    void shouldSayHowManyRecordsReachedKafkaBeforeTheFailure() {
        AnsweringProducer producer = new AnsweringProducer(index -> index >= 2);

        KafkaUnavailableException e = catchThrowableOfType(KafkaUnavailableException.class, () -> publisher(producer).publishEvents(events(5)));

        assertThat(producer.sent).hasSize(3);
        assertThat(e.written()).isEqualTo(2);
    }

    @Test
    void shouldLeaveTheRecordTimestampToTheBrokerSoRetentionCountsFromWhenItWasWritten() {
        AnsweringProducer producer = new AnsweringProducer(index -> false);

        publisher(producer).publishEvents(events(2));

        assertThat(producer.sent).hasSize(2).allSatisfy(record -> {
            assertThat(record.timestamp()).isNull();
            assertThat(record.key()).isEqualTo(((TicketEvent) record.value()).getTicketId());
        });
    }

    @Test
    void shouldNameTheSchemaRegistryWhenItIsWhatDidNotAnswer() {
        AnsweringProducer producer = registryFailing(new org.ticketpipeline.schemas.registry.SchemaRegistryException("ticket-events-value", 0,
                "Connection refused"));

        KafkaUnavailableException e = catchThrowableOfType(KafkaUnavailableException.class, () -> publisher(producer).publishEvents(events(3)));

        assertThat(e.title()).isEqualTo("Schema registry unavailable");
        assertThat(e.getMessage()).startsWith("the schema registry did not answer").contains("Connection refused");
        assertThat(e.written()).isZero();
    }

    @Test
    void shouldSayTheRegistryRefusedTheSchemaAndNotAskForARetryThatCannotHelp() {
        AnsweringProducer producer = registryFailing(new org.ticketpipeline.schemas.registry.SchemaRegistryException("ticket-events-value", 409,
                "incompatible with version 3"));

        KafkaUnavailableException e = catchThrowableOfType(KafkaUnavailableException.class, () -> publisher(producer).publishEvents(events(3)));
        io.micronaut.http.MutableHttpResponse<String> answer = Problem.unavailable(e, "None of the 3 valid events is acknowledged", "retry", 5);

        assertThat(e.title()).isEqualTo("Schema refused by the registry");
        assertThat(e.getMessage()).startsWith("the schema registry refused the schema").doesNotContain("did not answer")
                .contains("incompatible with version 3");
        assertThat(answer.code()).as("not 503: a client that retries would be refused for ever").isEqualTo(500);
        assertThat(answer.getHeaders().get("Retry-After")).isNull();
        assertThat(answer.body()).contains("sending it again will not help");
    }

    @Test
    void shouldTellTopicsKafkaRefusesFromAKafkaThatDoesNotAnswer() {
        assertThat(EventPublisher.topicsRefused(new IllegalStateException("creating topics",
                new java.util.concurrent.ExecutionException(new org.apache.kafka.common.errors.PolicyViolationException("no topics here"))))).isTrue();
        assertThat(EventPublisher.topicsRefused(new IllegalStateException("creating topics", new java.util.concurrent.ExecutionException(
                new org.apache.kafka.common.errors.InvalidReplicationFactorException("only 1 broker(s) are registered")))))
                .as("brokers still registering as a cluster starts").isFalse();
        assertThat(EventPublisher.topicsRefused(new IllegalStateException("creating topics",
                new org.apache.kafka.common.errors.TimeoutException("no answer")))).isFalse();
    }

    /** A producer whose serializer meets the registry's failure, as KafkaProducer does: thrown from send, not returned in the future. */
    private static AnsweringProducer registryFailing(org.ticketpipeline.schemas.registry.SchemaRegistryException failure) {
        return new AnsweringProducer(index -> false) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, SpecificRecord> record, Callback callback) {
                throw new org.apache.kafka.common.errors.SerializationException("cannot register ticket-events-value", failure);
            }
        };
    }
}
