package org.ticketpipeline.classifier.app;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import org.apache.kafka.streams.KafkaStreams;
import org.reactivestreams.Publisher;

/** UP while the stream runs (or rebalances after it first ran) and the Kafka cluster answers; DOWN when it failed or stopped, or Kafka is away. */
@Singleton
class StreamsHealthIndicator implements HealthIndicator {

    private final ClassifierStreams streams;

    private final org.ticketpipeline.schemas.topic.ClusterReachability kafka;

    StreamsHealthIndicator(ClassifierStreams streams, KafkaSettings settings) {
        this.streams = streams;
        this.kafka = new org.ticketpipeline.schemas.topic.ClusterReachability(settings.getBootstrapServers());
    }

    @jakarta.annotation.PreDestroy
    void close() {
        kafka.close();
    }

    /**
     * Up while running, and while rebalancing once they have run (a member joining or leaving). The first REBALANCING,
     * from the start through the restore of every store, is not up: the ticket route answers 503 then, and whatever
     * waits for this to say ready would send work to a service that sorts nothing yet.
     */
    static boolean streamsUp(KafkaStreams.State state, boolean hasRun) {
        return state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING && hasRun;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        KafkaStreams.State state = streams.state();
        boolean streamsUp = streamsUp(state, streams.hasRun());
        // the streams' state alone stays RUNNING while their broker is away: the cluster is asked too
        org.ticketpipeline.schemas.topic.ClusterReachability.StreamsHealth health = kafka.judge(state.name(), streamsUp);
        return Publishers.just(HealthResult.builder("kafka-streams", health.up() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(health.details()).build());
    }
}
