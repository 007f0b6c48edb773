package org.ticketpipeline.classifier;

import io.micronaut.context.ApplicationContext;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.ticketpipeline.localstack.KafkaStack;

/** The classifier service on a test's broker and registry, with no HTTP port, as the integration tests start it. */
final class ClassifierService {

    private ClassifierService() {
    }

    static ApplicationContext start(KafkaStack stack, String applicationId, Path stateDir) {
        return start(stack, applicationId, stateDir, Map.of());
    }

    /** Sends the ticket's event to {@code ticket-events} and answers its sorting, read from {@code tickets-sorted} (60 s at most). */
    static org.ticketpipeline.schemas.SortedTicket sortedThrough(KafkaStack stack, org.ticketpipeline.schemas.TicketEvent ticket) throws Exception {
        org.ticketpipeline.schemas.registry.SchemaRegistryClient registry = new org.ticketpipeline.schemas.registry.SchemaRegistryClient(stack.registryUrl());
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, org.apache.avro.specific.SpecificRecord>(Map.of(
                org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG, "all"),
                new org.apache.kafka.common.serialization.StringSerializer(), new org.ticketpipeline.schemas.serde.AvroSerializer<>(registry, false))) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("ticket-events", ticket.getTicketId(), ticket)).get();
        }
        var reader = new org.ticketpipeline.schemas.serde.AvroDeserializer<>(registry, org.ticketpipeline.schemas.SortedTicket.class);
        java.util.function.Predicate<org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]>> ofTicket = r -> r.key() != null
                && new String(r.key(), java.nio.charset.StandardCharsets.UTF_8).equals(ticket.getTicketId());
        return org.ticketpipeline.localstack.TopicRecords.read(stack.bootstrapServers(), "tickets-sorted", rs -> rs.stream().anyMatch(ofTicket),
                        java.time.Duration.ofSeconds(60), java.time.Duration.ZERO)
                .stream().filter(ofTicket).map(r -> reader.deserialize("tickets-sorted", r.value())).findFirst().orElseThrow();
    }

    /** With more settings, such as {@code classifier.kind-model}. */
    static ApplicationContext start(KafkaStack stack, String applicationId, Path stateDir, Map<String, Object> more) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                "micronaut.server.port", -1,
                "kafka.bootstrap-servers", stack.bootstrapServers(),
                "kafka.schema-registry-url", stack.registryUrl(),
                "classifier.application-id", applicationId,
                "classifier.state-dir", stateDir.toString()));
        settings.putAll(more);
        return ApplicationContext.run(settings);
    }
}
