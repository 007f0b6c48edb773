package org.ticketpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.TicketEventType;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.topic.TopicNames;
import org.ticketpipeline.schemas.topic.Topics;

class EventPublisherTest {

    /** A producer whose sends answer at once, as KafkaProducer does when a send fails before it leaves (metadata not found in max.block.ms). */
    static class AnsweringProducer extends MockProducer<String, byte[]> {
        final List<ProducerRecord<String, byte[]>> sent = new ArrayList<>();
        private final IntPredicate fails;
        private final java.util.function.Supplier<Exception> failure;

        AnsweringProducer(IntPredicate fails) {
            this(fails, () -> new TimeoutException("Topic ticket-events not present in metadata after 5000 ms."));
        }

        AnsweringProducer(IntPredicate fails, java.util.function.Supplier<Exception> failure) {
            this.fails = fails;
            this.failure = failure;
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
            return send(record, null);
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, byte[]> record, Callback callback) {
            int index = sent.size();
            sent.add(record);
            if (fails.test(index)) {
                return CompletableFuture.failedFuture(failure.get());
            }
            return CompletableFuture.completedFuture(new RecordMetadata(new TopicPartition(record.topic(), 0), index, 0, 0L, 1, 1));
        }
    }

    private static class NoTopicsToCreate extends TopicBootstrap {
        final List<String> asked = new ArrayList<>();

        NoTopicsToCreate() {
            super(new KafkaSettings(), null);
        }

        @Override
        void ensureTopic(String name) {
            asked.add(name);
        }
    }

    /** Writes a value as its string's bytes: what the registry and Avro would make of it does not matter here. */
    private static final Serializer<SpecificRecord> AS_TEXT = (topic, value) -> value.toString().getBytes(StandardCharsets.UTF_8);

    private static EventPublisher publisher(AnsweringProducer producer) {
        return publisher(producer, AS_TEXT, new KafkaSettings());
    }

    private static EventPublisher publisher(AnsweringProducer producer, Serializer<SpecificRecord> values, KafkaSettings kafka) {
        return publisher(producer, values, kafka, new NoTopicsToCreate());
    }

    private static EventPublisher publisher(AnsweringProducer producer, Serializer<SpecificRecord> values, KafkaSettings kafka, TopicBootstrap bootstrap) {
        Topics topics = new Topics(TopicNames.DEFAULTS, new SchemaRegistryClient("http://127.0.0.1:1"));
        return new EventPublisher(producer, values, topics, bootstrap, kafka, new SimpleMeterRegistry());
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

        assertThat(producer.sent).extracting(ProducerRecord::key).containsExactly("t0", "t1");
        assertThat(producer.sent).allSatisfy(record -> assertThat(record.timestamp()).isNull());
    }

    @Test
    void shouldSendEveryRecordOfABatchWhenTheFirstWriteOfASchemaWaitsLongOnTheRegistry() {
        AnsweringProducer producer = new AnsweringProducer(index -> false);
        KafkaSettings kafka = new KafkaSettings();
        kafka.setDeliveryTimeout(java.time.Duration.ofMillis(100)); // Kafka's wait: 2.1 s
        java.util.concurrent.atomic.AtomicBoolean registered = new java.util.concurrent.atomic.AtomicBoolean();
        Serializer<SpecificRecord> slowFirstWrite = (topic, value) -> {
            if (registered.compareAndSet(false, true)) {
                sleep(2_500); // a registry answering slowly, longer than Kafka's wait
            }
            return AS_TEXT.serialize(topic, value);
        };

        publisher(producer, slowFirstWrite, kafka).publishEvents(events(5));

        // the registry's wait once counted against Kafka's: one record went out, the rest never, and the answer said none
        assertThat(producer.sent).extracting(ProducerRecord::key).containsExactly("t0", "t1", "t2", "t3", "t4");
    }

    @Test
    void shouldSendNothingOfABatchWhenTheRegistryDoesNotAnswerForItsLastRecordsSchema() {
        AnsweringProducer producer = new AnsweringProducer(index -> false);
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
        Serializer<SpecificRecord> registryGoesAway = (topic, value) -> {
            if (written.incrementAndGet() == 3) {
                throw new org.apache.kafka.common.errors.SerializationException("cannot register",
                        new org.ticketpipeline.schemas.registry.SchemaRegistryException("ticket-events-value", 503, "unavailable"));
            }
            return AS_TEXT.serialize(topic, value);
        };

        KafkaUnavailableException e = catchThrowableOfType(KafkaUnavailableException.class,
                () -> publisher(producer, registryGoesAway, new KafkaSettings()).publishEvents(events(3)));

        assertThat(e.title()).isEqualTo("Schema registry unavailable");
        assertThat(e.written()).isZero();
        assertThat(producer.sent).as("none of it, rather than some of it").isEmpty();
    }

    @Test
    void shouldRefuseARecordLargerThanKafkaTakesWithItsPlaceAndSendNothing() {
        AnsweringProducer producer = new AnsweringProducer(index -> false);
        Serializer<SpecificRecord> secondIsHuge = (topic, value) -> ((TicketEvent) value).getTicketId().equals("t1")
                ? new byte[EventPublisher.MAX_RECORD_BYTES + 1] : AS_TEXT.serialize(topic, value);

        EventPublisher.RecordTooLargeException e = catchThrowableOfType(EventPublisher.RecordTooLargeException.class,
                () -> publisher(producer, secondIsHuge, new KafkaSettings()).publishEvents(events(3)));

        assertThat(e.index()).isEqualTo(1);
        assertThat(e.bytes()).isEqualTo(EventPublisher.MAX_RECORD_BYTES + 1);
        assertThat(producer.sent).isEmpty();
        io.micronaut.http.MutableHttpResponse<String> answer = Problem.tooLargeForKafka("the release", e);
        assertThat(answer.code()).as("no Retry-After: sending it again will not help").isEqualTo(413);
        assertThat(answer.getHeaders().get("Retry-After")).isNull();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldNameTheSchemaRegistryWhenItIsWhatDidNotAnswer() {
        AnsweringProducer producer = new AnsweringProducer(index -> false);
        Serializer<SpecificRecord> values = registryFailing(new org.ticketpipeline.schemas.registry.SchemaRegistryException("ticket-events-value", 0,
                "Connection refused"));

        KafkaUnavailableException e = catchThrowableOfType(KafkaUnavailableException.class,
                () -> publisher(producer, values, new KafkaSettings()).publishEvents(events(3)));

        assertThat(e.title()).isEqualTo("Schema registry unavailable");
        assertThat(e.getMessage()).startsWith("the schema registry did not answer").contains("Connection refused");
        assertThat(e.written()).isZero();
    }

    @Test
    void shouldSayTheRegistryRefusedTheSchemaAndNotAskForARetryThatCannotHelp() {
        AnsweringProducer producer = new AnsweringProducer(index -> false);
        Serializer<SpecificRecord> values = registryFailing(new org.ticketpipeline.schemas.registry.SchemaRegistryException("ticket-events-value", 409,
                "incompatible with version 3"));

        KafkaUnavailableException e = catchThrowableOfType(KafkaUnavailableException.class,
                () -> publisher(producer, values, new KafkaSettings()).publishEvents(events(3)));
        io.micronaut.http.MutableHttpResponse<String> answer = Problem.unavailable(e, "None of the 3 valid events is acknowledged", "retry", 5);

        assertThat(e.title()).isEqualTo("Schema refused by the registry");
        assertThat(e.getMessage()).startsWith("the schema registry refused the schema").doesNotContain("did not answer")
                .contains("incompatible with version 3");
        assertThat(answer.code()).as("not 503: a client that retries would be refused for ever").isEqualTo(500);
        assertThat(answer.getHeaders().get("Retry-After")).isNull();
        assertThat(answer.body()).contains("sending it again will not help");
    }

    @Test
    void shouldAskOnlyForTheTopicAWriteGoesToSoThatAMissingOneStopsOnlyItsOwnWrites() {
        NoTopicsToCreate bootstrap = new NoTopicsToCreate() {
            @Override
            void ensureTopic(String name) {
                super.ensureTopic(name);
                if (name.equals("corrections")) { // no right to create it, and an upgrade added it
                    throw new IllegalStateException("creating topics", new org.apache.kafka.common.errors.TopicAuthorizationException(java.util.Set.of(name)));
                }
            }
        };
        AnsweringProducer producer = new AnsweringProducer(index -> false);
        EventPublisher publisher = publisher(producer, AS_TEXT, new KafkaSettings(), bootstrap);

        publisher.publishEvents(events(2));
        KafkaUnavailableException refused = catchThrowableOfType(KafkaUnavailableException.class, () -> publisher.publishCorrection(
                org.ticketpipeline.schemas.Correction.newBuilder().setCorrectionId("c1").setTicketId("t1").setProduct("ledger")
                        .setKind(org.ticketpipeline.schemas.TicketKind.NOISE).setBy("Ana").setCorrectedAt(Instant.parse("2026-11-02T09:15:00Z")).build()));

        assertThat(producer.sent).as("the events, written").hasSize(2);
        assertThat(bootstrap.asked).containsExactly("ticket-events", "corrections");
        assertThat(refused.title()).isEqualTo("Topics refused by Kafka");
    }

    @Test
    void shouldSayKafkaRefusedAWriteNoRetryChangesAndNotAskForTheRetry() {
        for (Exception refusal : List.<Exception>of(new org.apache.kafka.common.errors.TopicAuthorizationException(java.util.Set.of("ticket-events")),
                new org.apache.kafka.common.errors.RecordTooLargeException("The message is 2000 bytes when serialized, over max.message.bytes"))) {
            AnsweringProducer producer = new AnsweringProducer(index -> index >= 1, () -> refusal);

            KafkaUnavailableException e = catchThrowableOfType(KafkaUnavailableException.class, () -> publisher(producer).publishEvents(events(3)));
            io.micronaut.http.MutableHttpResponse<String> answer = Problem.unavailable(e, "Not all of the 3 valid events is acknowledged", "retry", 5);

            assertThat(e.title()).as(refusal.toString()).isEqualTo("Write refused by Kafka");
            assertThat(e.written()).isEqualTo(1);
            assertThat(e.getMessage()).startsWith("Kafka refused the write: " + refusal.getClass().getSimpleName());
            assertThat(answer.code()).as("not 503: a client that retries would be refused for ever").isEqualTo(500);
            assertThat(answer.getHeaders().get("Retry-After")).isNull();
        }
        AnsweringProducer slow = new AnsweringProducer(index -> true);
        KafkaUnavailableException timedOut = catchThrowableOfType(KafkaUnavailableException.class, () -> publisher(slow).publishEvents(events(1)));
        assertThat(timedOut.lasting()).as("no answer in time: a retry may do better").isFalse();
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

    /** A serializer meeting the registry's failure, as the Avro one does at a schema's first write. */
    private static Serializer<SpecificRecord> registryFailing(org.ticketpipeline.schemas.registry.SchemaRegistryException failure) {
        return (topic, value) -> {
            throw new org.apache.kafka.common.errors.SerializationException("cannot register ticket-events-value", failure);
        };
    }
}
