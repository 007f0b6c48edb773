package org.ticketpipeline.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.ticketpipeline.schemas.Correction;
import org.ticketpipeline.schemas.Release;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.topic.Topics;

/**
 * Sends records to Kafka and waits for every acknowledgement of a request together: all sends go out
 * first (one network round trip for a batch), then the futures are awaited. Only acknowledged records
 * are reported as accepted.
 */
@Singleton
class EventPublisher {

    private final Producer<String, SpecificRecord> producer;
    private final Topics topics;
    private final TopicBootstrap bootstrap;
    private final KafkaSettings kafka;
    private final Counter acknowledged;
    private final Counter unacknowledged;

    EventPublisher(Producer<String, SpecificRecord> producer, Topics topics, TopicBootstrap bootstrap,
                   KafkaSettings kafka, MeterRegistry meters) {
        this.producer = producer;
        this.topics = topics;
        this.bootstrap = bootstrap;
        this.kafka = kafka;
        this.acknowledged = meters.counter("ingest.records.acknowledged");
        this.unacknowledged = meters.counter("ingest.records.unacknowledged");
    }

    /** Publishes the events keyed by ticket id; throws {@link KafkaUnavailableException} unless Kafka acknowledged all. */
    void publishEvents(List<TicketEvent> events) {
        List<ProducerRecord<String, SpecificRecord>> records = new ArrayList<>();
        for (TicketEvent event : events) {
            // the record's timestamp is the event time, so any consumer windows by when it happened
            records.add(new ProducerRecord<>(topics.ticketEvents().name(), null, event.getOccurredAt().toEpochMilli(),
                    event.getTicketId(), event));
        }
        publish(records);
    }

    void publishCorrection(Correction correction) {
        publish(List.of(new ProducerRecord<>(topics.corrections().name(), correction.getTicketId(), correction)));
    }

    void publishRelease(Release release) {
        publish(List.of(new ProducerRecord<>(topics.releases().name(), release.getReleaseId(), release)));
    }

    private void publish(List<ProducerRecord<String, SpecificRecord>> records) {
        if (records.isEmpty()) {
            return;
        }
        try {
            bootstrap.ensureTopics();
        } catch (RuntimeException e) {
            unacknowledged.increment(records.size());
            throw new KafkaUnavailableException("Kafka is not reachable to create topics: " + rootMessage(e), e);
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        try {
            for (ProducerRecord<String, SpecificRecord> record : records) {
                sent.add(producer.send(record));
            }
        } catch (RuntimeException e) {
            unacknowledged.increment(records.size());
            throw new KafkaUnavailableException("Kafka refused the send: " + rootMessage(e), e);
        }
        long deadline = System.nanoTime() + kafka.getDeliveryTimeout().toNanos() + TimeUnit.SECONDS.toNanos(2);
        int acked = 0;
        try {
            for (Future<RecordMetadata> future : sent) {
                future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acked++;
            }
        } catch (ExecutionException | TimeoutException e) {
            acknowledged.increment(acked);
            unacknowledged.increment(records.size() - acked);
            throw new KafkaUnavailableException("Kafka did not acknowledge: " + rootMessage(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("interrupted while waiting for Kafka", e);
        }
        acknowledged.increment(acked);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
