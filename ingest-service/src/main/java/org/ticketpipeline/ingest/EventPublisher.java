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
            // No timestamp of the event's own: the broker's retention counts from a record's timestamp, and a
            // backlog dated weeks ago would be deleted before the classifier read it. Windows take the event's
            // time from occurredAt, not from the record.
            records.add(new ProducerRecord<>(topics.ticketEvents().name(), event.getTicketId(), event));
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
            if (topicsRefused(e)) {
                throw new KafkaUnavailableException("Kafka refused to create the topics: " + rootMessage(e), e, 0, false, true);
            }
            throw new KafkaUnavailableException("Kafka is not reachable to create topics: " + rootMessage(e), e, 0);
        }
        // One deadline for the sends, set before the first (and after the topics, whose first creation has a
        // bound of its own): a send can block for max.block.ms on the topic's metadata, and a failed one comes
        // back as a failed future rather than thrown.
        long deadline = System.nanoTime() + kafka.getDeliveryTimeout().toNanos() + TimeUnit.SECONDS.toNanos(2);
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        Throwable failure = null;
        try {
            for (ProducerRecord<String, SpecificRecord> record : records) {
                Future<RecordMetadata> future = producer.send(record);
                sent.add(future);
                if (future.isDone() && failed(future) || System.nanoTime() > deadline) {
                    break; // the rest would wait as long again, each
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        int written = 0;
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                written++;
            } catch (ExecutionException | TimeoutException e) {
                failure = failure == null ? e : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unacknowledged.increment(records.size() - written);
                acknowledged.increment(written);
                throw new KafkaUnavailableException("interrupted while waiting for Kafka", e, written);
            }
        }
        acknowledged.increment(written);
        if (written < records.size()) {
            unacknowledged.increment(records.size() - written);
            if (failure == null) {
                throw new KafkaUnavailableException("Kafka did not acknowledge in time", null, written);
            }
            org.ticketpipeline.schemas.registry.SchemaRegistryException registry = fromTheRegistry(failure);
            if (registry != null && refused(registry)) {
                throw new KafkaUnavailableException("the schema registry refused the schema: " + registry.getMessage(), failure, written, true, true);
            }
            if (registry != null) {
                // the serializer registers the schema on a first write: an operator should look at the registry, not at Kafka
                throw new KafkaUnavailableException("the schema registry did not answer: " + rootMessage(failure), failure, written, true);
            }
            String what = failure instanceof ExecutionException || failure instanceof TimeoutException ? "Kafka did not acknowledge: "
                    : "Kafka refused the send: ";
            throw new KafkaUnavailableException(what + rootMessage(failure), failure, written);
        }
    }

    private static org.ticketpipeline.schemas.registry.SchemaRegistryException fromTheRegistry(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof org.ticketpipeline.schemas.registry.SchemaRegistryException registry) {
                return registry;
            }
        }
        return null;
    }

    /**
     * Whether Kafka answered and said no to the topics as configured (a setting it or its policy refuses, no
     * right to create them): that stays so however often the request is sent.
     */
    static boolean topicsRefused(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            // not a replication factor over the brokers (a configuration error too): while a cluster starts, its
            // brokers are still registering
            if (e instanceof org.apache.kafka.common.errors.InvalidReplicationFactorException) {
                return false;
            }
            if (e instanceof org.apache.kafka.common.errors.InvalidPartitionsException
                    || e instanceof org.apache.kafka.common.errors.InvalidConfigurationException
                    || e instanceof org.apache.kafka.common.errors.PolicyViolationException
                    || e instanceof org.apache.kafka.common.errors.TopicAuthorizationException
                    || e instanceof org.apache.kafka.common.errors.ClusterAuthorizationException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the registry answered and said no (409 incompatible, 422 invalid, 401 or 403 not allowed): unlike
     * no answer or a 5xx, that stays so however often the write is tried. A 404 is left as unavailable: a
     * registry path that is wrong, or a registry still starting, answers it to everything.
     */
    static boolean refused(org.ticketpipeline.schemas.registry.SchemaRegistryException e) {
        return e.status() == 409 || e.status() == 422 || e.status() == 401 || e.status() == 403;
    }

    private static boolean failed(Future<RecordMetadata> future) {
        try {
            future.get();
            return false;
        } catch (ExecutionException | InterruptedException | java.util.concurrent.CancellationException e) {
            return true;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
