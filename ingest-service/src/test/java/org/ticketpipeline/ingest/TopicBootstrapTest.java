package org.ticketpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.localstack.FreePorts;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.topic.TopicNames;
import org.ticketpipeline.schemas.topic.Topics;

class TopicBootstrapTest {

    @Test
    void requestsWaitingForTopicsWhileKafkaIsDownEachWaitAtMostOneTimeoutNotTheOthersToo() throws Exception {
        KafkaSettings kafka = new KafkaSettings();
        kafka.setBootstrapServers("127.0.0.1:" + FreePorts.next()); // nothing listens there
        kafka.setDeliveryTimeout(Duration.ofSeconds(1));
        TopicBootstrap bootstrap = new TopicBootstrap(kafka, new Topics(TopicNames.DEFAULTS, new SchemaRegistryClient("http://127.0.0.1:1")));
        int requests = 8;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Future<Long>> waits = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                waits.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    try {
                        bootstrap.ensureTopic("ticket-events");
                    } catch (RuntimeException expected) {
                        // Kafka is down: the request answers 503
                    }
                    return Duration.ofNanos(System.nanoTime() - start).toMillis();
                }));
            }
            long longest = 0;
            for (Future<Long> wait : waits) {
                longest = Math.max(longest, wait.get());
            }
            // one after another, the eighth waited eight timeouts; now about two at most (its own try and the one before)
            assertThat(longest).isLessThan(5_000);
        } finally {
            pool.shutdownNow();
        }
    }
}
