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
 * Creates the topics this service writes, each once, before its first send. Lazily rather than at start,
 * so the service comes up (and answers 503) while Kafka is still down, and provisions when it is back. One
 * topic at a time: where the service may not create topics and one is missing (a topic added by an upgrade),
 * only the writes to that one fail, not the ticket events too.
 */
@Singleton
class TopicBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(TopicBootstrap.class);

    private final KafkaSettings kafka;
    private final Topics topics;
    private final ReentrantLock creating = new ReentrantLock();
    private final java.util.Set<String> ready = java.util.concurrent.ConcurrentHashMap.newKeySet();

    TopicBootstrap(KafkaSettings kafka, Topics topics) {
        this.kafka = kafka;
        this.topics = topics;
    }

    void ensureTopic(String name) {
        if (ready.contains(name)) {
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
            if (ready.contains(name)) {
                return;
            }
            TopicProvisioner.ensure(kafka.getBootstrapServers(), kafka.getReplicationFactor(), List.of(specOf(name)), kafka.getDeliveryTimeout());
            LOG.info("topic ready: {}", name);
            ready.add(name);
        } finally {
            creating.unlock();
        }
    }

    private TopicProvisioner.Spec specOf(String name) {
        if (name.equals(topics.ticketEvents().name())) {
            return TopicProvisioner.Spec.stampedOnArrival(name, kafka.getPartitions());
        }
        if (name.equals(topics.releases().name())) {
            return TopicProvisioner.Spec.latestPerKey(name, kafka.getPartitions());
        }
        if (name.equals(topics.corrections().name())) {
            // corrections are labelled data: kept until someone decides otherwise
            return new TopicProvisioner.Spec(name, kafka.getPartitions(), java.util.Map.of("retention.ms", "-1"));
        }
        throw new IllegalArgumentException("not a topic this service writes: " + name);
    }
}
