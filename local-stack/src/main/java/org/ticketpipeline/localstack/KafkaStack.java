package org.ticketpipeline.localstack;

/** A running Kafka broker and Confluent-compatible schema registry, however they were started. */
public interface KafkaStack extends AutoCloseable {

    /** The broker's bootstrap address, e.g. {@code 127.0.0.1:40123}. */
    String bootstrapServers();

    /** The Confluent-compatible schema registry API, e.g. {@code http://127.0.0.1:40124/apis/ccompat/v7}. */
    String registryUrl();

    /** How the stack was started: {@code embedded} or {@code containers}. */
    String flavour();

    @Override
    void close();
}
