package org.ticketpipeline.classifier.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class StreamsHealthIndicatorTest {

    @Test
    void shouldNotSayReadyDuringTheFirstRestore() {
        // from the start to the first RUNNING the state is REBALANCING: the stores are restored and nothing is sorted
        assertThat(StreamsHealthIndicator.streamsUp(State.CREATED, false)).isFalse();
        assertThat(StreamsHealthIndicator.streamsUp(State.REBALANCING, false)).isFalse();
        assertThat(StreamsHealthIndicator.streamsUp(State.RUNNING, true)).isTrue();
        // a member joining later rebalances a service that has been sorting: still up
        assertThat(StreamsHealthIndicator.streamsUp(State.REBALANCING, true)).isTrue();
        assertThat(StreamsHealthIndicator.streamsUp(State.ERROR, true)).isFalse();
        assertThat(StreamsHealthIndicator.streamsUp(State.PENDING_SHUTDOWN, true)).isFalse();
    }
}
