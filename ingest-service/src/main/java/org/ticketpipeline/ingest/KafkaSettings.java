package org.ticketpipeline.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Where Kafka and the schema registry are, and how topics are created. Env: KAFKA_BOOTSTRAP_SERVERS, KAFKA_SCHEMA_REGISTRY_URL... */
@ConfigurationProperties("kafka")
public class KafkaSettings {

    private String bootstrapServers = "localhost:9092";
    private String schemaRegistryUrl = "http://localhost:8085";
    private int partitions = 3;
    private short replicationFactor = 1;
    /** How long a send may wait for Kafka before the request answers 503. */
    private Duration deliveryTimeout = Duration.ofSeconds(10);
    /** How long a send may block waiting for metadata when the broker is unreachable. */
    private Duration maxBlock = Duration.ofSeconds(5);

    public String getBootstrapServers() {
        return bootstrapServers;
    }

    public void setBootstrapServers(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public String getSchemaRegistryUrl() {
        return schemaRegistryUrl;
    }

    public void setSchemaRegistryUrl(String schemaRegistryUrl) {
        this.schemaRegistryUrl = schemaRegistryUrl;
    }

    public int getPartitions() {
        return partitions;
    }

    public void setPartitions(int partitions) {
        this.partitions = partitions;
    }

    public short getReplicationFactor() {
        return replicationFactor;
    }

    public void setReplicationFactor(short replicationFactor) {
        this.replicationFactor = replicationFactor;
    }

    public Duration getDeliveryTimeout() {
        return deliveryTimeout;
    }

    public void setDeliveryTimeout(Duration deliveryTimeout) {
        this.deliveryTimeout = deliveryTimeout;
    }

    public Duration getMaxBlock() {
        return maxBlock;
    }

    public void setMaxBlock(Duration maxBlock) {
        this.maxBlock = maxBlock;
    }
}
