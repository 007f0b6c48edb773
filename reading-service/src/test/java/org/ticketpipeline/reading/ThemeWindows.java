package org.ticketpipeline.reading;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ticketpipeline.schemas.Movement;
import org.ticketpipeline.schemas.ThemeWindow;

/** Theme windows for tests. */
final class ThemeWindows {

    private ThemeWindows() {
    }

    /** Writes a theme window to the theme-windows topic, keyed as the classifier keys it. */
    static void publish(org.ticketpipeline.localstack.KafkaStack stack, ThemeWindow window) throws Exception {
        // the classifier creates theme-windows; a test may publish before any service started
        org.ticketpipeline.schemas.topic.TopicProvisioner.ensure(stack.bootstrapServers(), (short) 1, java.util.List.of(
                org.ticketpipeline.schemas.topic.TopicProvisioner.Spec.compacted("theme-windows", 3, java.time.Duration.ofDays(90))));
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, org.apache.avro.specific.SpecificRecord>(Map.of(
                org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                org.apache.kafka.clients.producer.ProducerConfig.ACKS_CONFIG, "all"),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.ticketpipeline.schemas.serde.AvroSerializer<>(new org.ticketpipeline.schemas.registry.SchemaRegistryClient(stack.registryUrl()), false))) {
            String key = org.ticketpipeline.schemas.topic.ThemeWindowKeys.window(window.getProduct(), window.getWindow(),
                    window.getWindowStart().toEpochMilli(), window.getTheme());
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("theme-windows", key, window)).get();
        }
    }

    /** Writes a theme window in a transaction that is then aborted, as a classifier that failed mid-commit leaves it. */
    static void publishAborted(org.ticketpipeline.localstack.KafkaStack stack, ThemeWindow window) throws Exception {
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, org.apache.avro.specific.SpecificRecord>(Map.of(
                org.apache.kafka.clients.producer.ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                org.apache.kafka.clients.producer.ProducerConfig.TRANSACTIONAL_ID_CONFIG, "aborting-" + java.util.UUID.randomUUID()),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.ticketpipeline.schemas.serde.AvroSerializer<>(new org.ticketpipeline.schemas.registry.SchemaRegistryClient(stack.registryUrl()), false))) {
            producer.initTransactions();
            producer.beginTransaction();
            String key = org.ticketpipeline.schemas.topic.ThemeWindowKeys.window(window.getProduct(), window.getWindow(),
                    window.getWindowStart().toEpochMilli(), window.getTheme());
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("theme-windows", key, window)).get();
            producer.abortTransaction();
        }
    }

    static ThemeWindow hour(String product, String theme, Instant start, long volume, long previous, Movement movement) {
        return ThemeWindow.newBuilder()
                .setProduct(product)
                .setTheme(theme)
                .setWindow("hour")
                .setWindowStart(start)
                .setWindowEnd(start.plusSeconds(3600))
                .setVolume(volume)
                .setDistinctCustomers(volume)
                .setKindMix(Map.of("BUG", volume))
                .setTierMix(Map.of("L1", volume))
                .setQuotes(List.of("It spins then fails."))
                .setFirstSeen(start)
                .setPreviousVolume(previous)
                .setMovement(movement)
                .build();
    }
}
