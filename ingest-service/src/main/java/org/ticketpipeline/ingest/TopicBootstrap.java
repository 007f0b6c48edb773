package org.ticketpipeline.ingest;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
    private final ReentrantLock creating = new ReentrantLock();
    private volatile boolean done;

    TopicBootstrap(KafkaSettings kafka, Topics topics) {
        this.kafka = kafka;
        this.topics = topics;
    }

    void ensureTopics() {
        if (done) {
            return;
        }
        // At most one timeout's wait: requests queued behind an attempt against a Kafka that is down would
        // otherwise each wait for the attempts before theirs too (the tenth, ten timeouts)
        boolean locked;
        try {
            locked = creating.tryLock(kafka.getDeliveryTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the topics to be created", e);
        }
        if (!locked) {
            throw new IllegalStateException("another request is still waiting for Kafka to create the topics");
        }
        try {
            if (done) {
                return;
            }
            TopicProvisioner.ensure(kafka.getBootstrapServers(), kafka.getReplicationFactor(), List.of(
                    TopicProvisioner.Spec.stampedOnArrival(topics.ticketEvents().name(), kafka.getPartitions()),
                    TopicProvisioner.Spec.latestPerKey(topics.releases().name(), kafka.getPartitions()),
                    // corrections are labelled data: kept until someone decides otherwise
                    new TopicProvisioner.Spec(topics.corrections().name(), kafka.getPartitions(), java.util.Map.of("retention.ms", "-1"))),
                    kafka.getDeliveryTimeout());
            LOG.info("topics ready: {}, {}", topics.ticketEvents().name(), topics.releases().name());
            done = true;
        } finally {
            creating.unlock();
        }
    }
}
