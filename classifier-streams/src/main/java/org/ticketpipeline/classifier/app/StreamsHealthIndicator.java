package org.ticketpipeline.classifier.app;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

/** UP while the stream runs or rebalances; DOWN when it failed or stopped. */
@Singleton
class StreamsHealthIndicator implements HealthIndicator {

    private final ClassifierStreams streams;

    StreamsHealthIndicator(ClassifierStreams streams) {
        this.streams = streams;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        KafkaStreams.State state = streams.state();
        boolean up = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING;
        return Publishers.just(HealthResult.builder("kafka-streams", up ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("state", state.name())).build());
    }
}
