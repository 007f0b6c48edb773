package org.ticketpipeline.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.topic.Topics;

/** The Kafka clients of the service. */
@Factory
class KafkaFactory {

    @Singleton
    SchemaRegistryClient schemaRegistryClient(KafkaSettings kafka) {
        return new SchemaRegistryClient(kafka.getSchemaRegistryUrl());
    }

    @Singleton
    Topics topics(TopicSettings topics, SchemaRegistryClient registry) {
        return new Topics(topics.names(), registry);
    }

    /**
     * One idempotent producer, {@code acks=all}: a ticket is acknowledged to the helpdesk only once
     * every in-sync replica has it, and a retried send never writes it twice.
     */
    @Singleton
    @Bean(preDestroy = "close")
    Producer<String, byte[]> producer(KafkaSettings kafka, MeterRegistry meters) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-service");
        int deliveryMs = (int) kafka.getDeliveryTimeout().toMillis();
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryMs);
        // the producer refuses a delivery timeout shorter than the linger and the request timeout together
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, deliveryMs - 5 - 10);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) kafka.getMaxBlock().toMillis());
        // values arrive as bytes: the publisher writes them (Avro, registering a schema's first write) before it sends any
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        new KafkaClientMetrics(producer).bindTo(meters);
        return producer;
    }

    @Singleton
    @Bean(preDestroy = "close")
    Admin admin(KafkaSettings kafka) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000));
    }
}
