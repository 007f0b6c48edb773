package org.ticketpipeline.reading;

import io.micronaut.context.annotation.ConfigurationProperties;

/** Where Kafka and the schema registry are. Env: KAFKA_BOOTSTRAP_SERVERS, KAFKA_SCHEMA_REGISTRY_URL. */
@ConfigurationProperties("kafka")
public class KafkaSettings {

    private String bootstrapServers = "localhost:9092";
    private String schemaRegistryUrl = "http://localhost:8085";
    /** Used only when this service has to create the theme-windows topic because no classifier did yet. */
    private int partitions = 3;
    private short replicationFactor = 1;

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
}
