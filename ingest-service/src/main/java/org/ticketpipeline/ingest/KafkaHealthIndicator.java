package org.ticketpipeline.ingest;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import io.micronaut.core.async.publisher.Publishers;
import org.reactivestreams.Publisher;

/** Ready only while the Kafka cluster answers: without it no event can be acknowledged. */
@Singleton
@Readiness
class KafkaHealthIndicator implements HealthIndicator {

    private final Admin admin;
    private final KafkaSettings kafka;

    KafkaHealthIndicator(Admin admin, KafkaSettings kafka) {
        this.admin = admin;
        this.kafka = kafka;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(check());
    }

    private HealthResult check() {
        try {
            int nodes = admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).size();
            return HealthResult.builder("kafka", HealthStatus.UP)
                    .details(Map.of("bootstrapServers", kafka.getBootstrapServers(), "nodes", nodes)).build();
        } catch (Exception e) {
            return HealthResult.builder("kafka", HealthStatus.DOWN)
                    .details(Map.of("bootstrapServers", kafka.getBootstrapServers(), "error", String.valueOf(e.getMessage()))).build();
        }
    }
}
