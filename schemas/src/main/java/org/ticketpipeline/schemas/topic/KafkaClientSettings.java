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

    /**
     * What is wrong with these settings: a start refused says so, where a wrong one would start and then fail
     * every request (a partition count of 0 when the topics are created, a registry address with no scheme at
     * the first write). Each service adds its own and calls {@link SettingChecks#orRefuse()}.
     */
    protected org.ticketpipeline.schemas.settings.SettingChecks clientChecks() {
        return new org.ticketpipeline.schemas.settings.SettingChecks()
                .add(bootstrapServers == null || bootstrapServers.isBlank(), "kafka.bootstrap-servers is empty: name the brokers as host:port")
                .add(!callable(schemaRegistryUrl),
                        "kafka.schema-registry-url '" + schemaRegistryUrl + "' is not an http or https URL with a host an HTTP client can call")
                .atLeastOne("kafka.partitions", partitions)
                // -1 is the broker's own default, as in Kafka Streams
                .add(replicationFactor < 1 && replicationFactor != -1,
                        "kafka.replication-factor " + replicationFactor + " must be at least 1, or -1 for the broker's default");
    }

    /** An http or https URL with a host, as the HTTP client reads it: "schema_registry" (an underscore) has none. */
    private static boolean callable(String url) {
        if (url == null || !url.matches("(?i)https?://[^\\s/]+\\S*")) {
            return false;
        }
        try {
            return java.net.URI.create(url).getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Refuses the start when {@link #clientChecks()} finds anything: each service's subclass calls it once bound. */
    public void validate() {
        clientChecks().orRefuse();
    }

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
