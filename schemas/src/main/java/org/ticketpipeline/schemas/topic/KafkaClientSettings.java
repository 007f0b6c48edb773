package org.ticketpipeline.schemas.topic;

/**
 * Where Kafka and the schema registry are, and how the topics a service creates are laid out. Each
 * service binds it from its configuration under {@code kafka} (env: KAFKA_BOOTSTRAP_SERVERS,
 * KAFKA_SCHEMA_REGISTRY_URL, KAFKA_PARTITIONS, KAFKA_REPLICATION_FACTOR).
 */
public class KafkaClientSettings {

    private String bootstrapServers = "localhost:9092";
    private String schemaRegistryUrl = "http://localhost:8085";
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
