package org.ticketpipeline.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import org.ticketpipeline.schemas.topic.KafkaClientSettings;

/** Where Kafka and the schema registry are ({@code kafka.*}), and how long a request waits for Kafka; checked at start (eager). */
@ConfigurationProperties("kafka")
@io.micronaut.context.annotation.Context
public class KafkaSettings extends KafkaClientSettings {

    /** How long a send may wait for Kafka before the request answers 503. */
    private Duration deliveryTimeout = Duration.ofSeconds(10);
    /** How long a send may block waiting for metadata when the broker is unreachable. */
    private Duration maxBlock = Duration.ofSeconds(5);

    /** A delivery timeout under a second leaves no room for a request: the producer refuses it, at the first ticket. */
    @Override
    @jakarta.annotation.PostConstruct
    public void validate() {
        clientChecks()
                .add(deliveryTimeout.compareTo(Duration.ofSeconds(1)) < 0, "kafka.delivery-timeout " + deliveryTimeout + " must be at least 1 s")
                .notNegative("kafka.max-block", maxBlock)
                .orRefuse();
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
