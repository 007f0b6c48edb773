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
import org.apache.kafka.common.serialization.Serializer;
import org.ticketpipeline.schemas.Correction;
import org.ticketpipeline.schemas.Release;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.serde.AvroSerializer;
import org.ticketpipeline.schemas.topic.Topics;

/**
 * Sends records to Kafka and waits for every acknowledgement of a request together: every record is
 * written to bytes first (a schema's first write registers it, which may wait on the registry), then all
 * are sent (one network round trip for a batch), then the futures are awaited. A registry that is slow or
 * down thus fails the request before any of it is sent, named as the registry, and the wait for Kafka is
 * Kafka's alone. Only acknowledged records are reported as accepted.
 */
@Singleton
class EventPublisher {

    /**
     * The largest record sent: Kafka's default {@code max.request.size} (1 MiB) less room for the key and the
     * batch's headers. A larger one is refused by the producer after the wait, as if Kafka were down, and
     * would be refused again on every retry.
     */
    static final int MAX_RECORD_BYTES = 1_000_000;

    private final Producer<String, byte[]> producer;
    private final Serializer<SpecificRecord> values;
    private final Topics topics;
    private final TopicBootstrap bootstrap;
    private final KafkaSettings kafka;
    private final Counter acknowledged;
    private final Counter unacknowledged;

    @jakarta.inject.Inject
    EventPublisher(Producer<String, byte[]> producer, SchemaRegistryClient registry, Topics topics, TopicBootstrap bootstrap,
                   KafkaSettings kafka, MeterRegistry meters) {
        this(producer, new AvroSerializer<>(registry, false), topics, bootstrap, kafka, meters);
    }

    /** With the serializer values are written with: the Avro wire format's, or a test's. */
    EventPublisher(Producer<String, byte[]> producer, Serializer<SpecificRecord> values, Topics topics, TopicBootstrap bootstrap,
                   KafkaSettings kafka, MeterRegistry meters) {
        this.producer = producer;
        this.values = values;
        this.topics = topics;
        this.bootstrap = bootstrap;
        this.kafka = kafka;
        this.acknowledged = meters.counter("ingest.records.acknowledged");
        this.unacknowledged = meters.counter("ingest.records.unacknowledged");
    }

    /**
     * Whether every schema this service writes has its id known, so that records can be written while the
     * registry is away: true once a record of each kind has been written since the start.
     */
    boolean schemasKnown() {
        if (!(values instanceof AvroSerializer<?> avro)) {
            return true;
        }
        return avro.knows(topics.ticketEvents().name(), TicketEvent.getClassSchema()) && avro.knows(topics.releases().name(), Release.getClassSchema())
                && avro.knows(topics.corrections().name(), Correction.getClassSchema());
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
            bootstrap.ensureTopic(records.get(0).topic()); // each request writes one topic
        } catch (RuntimeException e) {
            unacknowledged.increment(records.size());
            if (topicsRefused(e)) {
                throw new KafkaUnavailableException("Kafka refused to create the topics: " + rootMessage(e), e, 0, false, true);
            }
            throw new KafkaUnavailableException("Kafka is not reachable to create topics: " + rootMessage(e), e, 0);
        }
        List<ProducerRecord<String, byte[]>> ready = serialized(records);
        // One deadline for the sends, set before the first (and after the topics, whose first creation has a
        // bound of its own, and the schemas): a send can block for max.block.ms on the topic's metadata, and a
        // failed one comes back as a failed future rather than thrown.
        long deadline = System.nanoTime() + kafka.getDeliveryTimeout().toNanos() + TimeUnit.SECONDS.toNanos(2);
        List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
        Throwable failure = null;
        try {
            for (ProducerRecord<String, byte[]> record : ready) {
                Future<RecordMetadata> future = producer.send(record);
                sent.add(future);
                if (future.isDone() && failed(future) || System.nanoTime() > deadline) {
                    break; // the rest would wait as long again, each
                }
            }
        } catch (RuntimeException e) {
            failure = e;
        }
        int acked = 0;
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acked++;
            } catch (ExecutionException | TimeoutException e) {
                failure = failure == null ? e : failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unacknowledged.increment(records.size() - acked);
                acknowledged.increment(acked);
                throw new KafkaUnavailableException("interrupted while waiting for Kafka", e, acked);
            }
        }
        acknowledged.increment(acked);
        if (acked < records.size()) {
            unacknowledged.increment(records.size() - acked);
            if (failure == null) {
                throw new KafkaUnavailableException("Kafka did not acknowledge in time", null, acked);
            }
            if (sendRefused(failure)) {
                throw KafkaUnavailableException.writeRefused("Kafka refused the write: " + rootMessage(failure), failure, acked);
            }
            String what = failure instanceof ExecutionException || failure instanceof TimeoutException ? "Kafka did not acknowledge: "
                    : "Kafka refused the send: ";
            throw new KafkaUnavailableException(what + rootMessage(failure), failure, acked);
        }
    }

    /**
     * The records as bytes, before any is sent: a registry that does not answer, or refuses the schema, fails
     * the request with nothing of it written; a record too large for Kafka fails it with its place.
     */
    private List<ProducerRecord<String, byte[]>> serialized(List<ProducerRecord<String, SpecificRecord>> records) {
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ProducerRecord<String, SpecificRecord> record = records.get(i);
            byte[] value;
            try {
                value = values.serialize(record.topic(), record.value());
            } catch (RuntimeException e) {
                unacknowledged.increment(records.size());
                org.ticketpipeline.schemas.registry.SchemaRegistryException registry = fromTheRegistry(e);
                if (registry != null && refused(registry)) {
                    throw new KafkaUnavailableException("the schema registry refused the schema: " + registry.getMessage(), e, 0, true, true);
                }
                if (registry != null) {
                    // a schema's first write registers it: an operator should look at the registry, not at Kafka
                    throw new KafkaUnavailableException("the schema registry did not answer: " + rootMessage(e), e, 0, true);
                }
                throw e;
            }
            if (value.length > MAX_RECORD_BYTES) {
                unacknowledged.increment(records.size());
                throw new RecordTooLargeException(i, value.length);
            }
            out.add(new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(), record.key(), value, record.headers()));
        }
        return out;
    }

    /** A record larger than Kafka takes: no retry does better, so it is said as the request's fault, with its place. */
    static final class RecordTooLargeException extends RuntimeException {
        private final int index;
        private final int bytes;

        RecordTooLargeException(int index, int bytes) {
            super("item " + index + " is " + bytes + " bytes as a Kafka record; at most " + MAX_RECORD_BYTES + " are taken");
            this.index = index;
            this.bytes = bytes;
        }

        int index() {
            return index;
        }

        int bytes() {
            return bytes;
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
     * Whether Kafka answered a send and said no in a way no retry changes: no right to write the topic, a record over
     * a topic's own max.message.bytes (set lower by hand than the cap checked here), a name it refuses. Answered 503
     * with Retry-After, a client would retry for ever; the operator has a setting to change.
     */
    static boolean sendRefused(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof org.apache.kafka.common.errors.AuthorizationException
                    || e instanceof org.apache.kafka.common.errors.AuthenticationException
                    || e instanceof org.apache.kafka.common.errors.RecordTooLargeException
                    || e instanceof org.apache.kafka.common.errors.InvalidTopicException) {
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
