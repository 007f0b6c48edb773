package org.ticketpipeline.ingest;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import org.reactivestreams.Publisher;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.registry.SchemaRegistryException;
import org.ticketpipeline.schemas.topic.BackgroundCheck;

/**
 * Ready only while the schema registry answers, or the schemas this service writes are known without it: a
 * schema's first write registers it, so an ingest started while the registry is away answers 503 to every
 * event, and said UP all the while. Once each schema's id is known, it takes writes with the registry away.
 */
@Singleton
@Readiness
class RegistryHealthIndicator implements HealthIndicator {

    /** A registry check answers within this, or counts as away. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);

    private final EventPublisher publisher;
    private final KafkaSettings kafka;
    private final BackgroundCheck registry;

    RegistryHealthIndicator(EventPublisher publisher, KafkaSettings kafka) {
        this.publisher = publisher;
        this.kafka = kafka;
        SchemaRegistryClient client = new SchemaRegistryClient(kafka.getSchemaRegistryUrl(), ANSWER_WITHIN);
        this.registry = new BackgroundCheck("registry-reachability", () -> {
            try {
                client.subjects();
                return null;
            } catch (SchemaRegistryException e) {
                return e.getMessage();
            }
        }, ANSWER_WITHIN.multipliedBy(4));
    }

    @PreDestroy
    void close() {
        registry.close();
    }

    @Override
    public Publisher<HealthResult> getResult() {
        String away = registry.wrong();
        if (away == null) {
            return Publishers.just(HealthResult.builder("schema-registry", HealthStatus.UP).details(Map.of("url", kafka.getSchemaRegistryUrl())).build());
        }
        boolean known = publisher.schemasKnown();
        return Publishers.just(HealthResult.builder("schema-registry", known ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("url", kafka.getSchemaRegistryUrl(), "error", away, "schemasKnown", known)).build());
    }
}
