package org.ticketpipeline.classifier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class StreamFailuresTest {

    private final AtomicInteger stops = new AtomicInteger();
    private final AtomicLong clock = new AtomicLong();
    private final StreamFailures failures = new StreamFailures(stops::incrementAndGet, clock::get);

    @Test
    void shouldReplaceAThreadThatFailedOnceButNotOneThatFailsAgainAndAgain() {
        IllegalStateException diskFull = new IllegalStateException("task 0_1 cannot write its state", new java.io.IOException("No space left on device"));

        for (int i = 1; i < StreamFailures.MAX_FAILURES; i++) {
            assertThat(failures.handle(diskFull)).as("failure " + i).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
            clock.addAndGet(Duration.ofSeconds(30).toNanos());
        }
        // before, every failure was replaced: the same failure looped for ever while /health said UP
        assertThat(failures.handle(diskFull)).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void shouldForgetFailuresOlderThanItsWindow() {
        for (int i = 0; i < 10; i++) {
            assertThat(failures.handle(new IllegalStateException("a broker moved a partition"))).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
            clock.addAndGet(StreamFailures.WITHIN.dividedBy(StreamFailures.MAX_FAILURES - 1).plusSeconds(1).toNanos());
        }
    }

    @Test
    void shouldStopTheServiceOnceWhenKafkaStreamsGoesToError() {
        failures.onChange(State.RUNNING, State.REBALANCING);
        failures.onChange(State.REBALANCING, State.RUNNING);
        failures.onChange(State.PENDING_SHUTDOWN, State.RUNNING);
        assertThat(stops).as("an ordinary shutdown or rebalance").hasValue(0);

        failures.onChange(State.PENDING_ERROR, State.RUNNING);
        failures.onChange(State.ERROR, State.PENDING_ERROR);
        failures.onChange(State.ERROR, State.PENDING_ERROR);
        assertThat(stops).hasValue(1);
    }
}
