package org.ticketpipeline.ingest;

import jakarta.inject.Singleton;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ticketpipeline.schemas.topic.TopicProvisioner;
import org.ticketpipeline.schemas.topic.Topics;

/**
 * Creates the topics this service writes, once, before the first send. Lazily rather than at start,
 * so the service comes up (and answers 503) while Kafka is still down, and provisions when it is back.
 */
@Singleton
class TopicBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(TopicBootstrap.class);

    private final KafkaSettings kafka;
    private final Topics topics;
    private volatile boolean done;

    TopicBootstrap(KafkaSettings kafka, Topics topics) {
        this.kafka = kafka;
        this.topics = topics;
    }

    void ensureTopics() {
        if (done) {
            return;
        }
        synchronized (this) {
            if (done) {
                return;
            }
            TopicProvisioner.ensure(kafka.getBootstrapServers(), kafka.getReplicationFactor(), List.of(
                    TopicProvisioner.Spec.of(topics.ticketEvents().name(), kafka.getPartitions()),
                    TopicProvisioner.Spec.of(topics.releases().name(), kafka.getPartitions()),
                    // corrections are labelled data: kept until someone decides otherwise
                    new TopicProvisioner.Spec(topics.corrections().name(), kafka.getPartitions(), java.util.Map.of("retention.ms", "-1"))),
                    kafka.getDeliveryTimeout());
            LOG.info("topics ready: {}, {}", topics.ticketEvents().name(), topics.releases().name());
            done = true;
        }
    }
}
