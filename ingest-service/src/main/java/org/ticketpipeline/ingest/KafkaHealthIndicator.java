package org.ticketpipeline.ingest;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import jakarta.annotation.PreDestroy;
import org.ticketpipeline.schemas.topic.ClusterReachability;
import io.micronaut.core.async.publisher.Publishers;
import org.reactivestreams.Publisher;

/**
 * Ready only while the Kafka cluster answers: without it no event can be acknowledged. Read from checks made on
 * a thread of their own ({@link ClusterReachability}): asked here, a broker that is away held the HTTP server's
 * event loop for the whole wait at every probe.
 */
@Singleton
@Readiness
class KafkaHealthIndicator implements HealthIndicator {

    private final ClusterReachability cluster;
    private final KafkaSettings kafka;

    KafkaHealthIndicator(KafkaSettings kafka) {
        this.kafka = kafka;
        this.cluster = new ClusterReachability(kafka.getBootstrapServers());
    }

    @PreDestroy
    void close() {
        cluster.close();
    }

    @Override
    public Publisher<HealthResult> getResult() {
        String away = cluster.unreachable();
        return Publishers.just(away == null
                ? HealthResult.builder("kafka", HealthStatus.UP).details(Map.of("bootstrapServers", kafka.getBootstrapServers())).build()
                : HealthResult.builder("kafka", HealthStatus.DOWN).details(Map.of("bootstrapServers", kafka.getBootstrapServers(), "error", away))
                        .build());
    }
}
