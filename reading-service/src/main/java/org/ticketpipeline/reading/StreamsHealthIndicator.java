package org.ticketpipeline.reading;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

/** UP once the theme windows are loaded and followed; DOWN while loading, or when the stream failed. */
@Singleton
class StreamsHealthIndicator implements HealthIndicator {

    private final ThemeWindowsView view;

    StreamsHealthIndicator(ThemeWindowsView view) {
        this.view = view;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        KafkaStreams.State state = view.state();
        return Publishers.just(HealthResult.builder("kafka-streams", state == KafkaStreams.State.RUNNING ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("state", state.name())).build());
    }
}
