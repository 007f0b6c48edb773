package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.schemas.registry.SchemaRegistryException;

/** A failed table thread stops the service, once, and only a failure does. */
class StopOnStreamsErrorTest {

    private final AtomicInteger stops = new AtomicInteger();
    private final StopOnStreamsError failure = new StopOnStreamsError(stops::incrementAndGet);

    @Test
    void shouldStopTheServiceOnceWhenKafkaStreamsGoesToError() {
        failure.handle(new org.apache.kafka.streams.errors.StreamsException("Deserialization exception handler is set to fail",
                new SerializationException("registry", new SchemaRegistryException("theme-windows-value", 0, "connection refused"))));

        failure.onChange(State.PENDING_ERROR, State.RUNNING);
        assertThat(stops).as("not before the client is down").hasValue(0);
        failure.onChange(State.ERROR, State.PENDING_ERROR);
        failure.onChange(State.ERROR, State.PENDING_ERROR);

        assertThat(stops).hasValue(1);
    }

    @Test
    void shouldLeaveTheServiceUpThroughAStartARebalanceAndAnOrdinaryShutdown() {
        failure.onChange(State.REBALANCING, State.CREATED);
        failure.onChange(State.RUNNING, State.REBALANCING);
        failure.onChange(State.PENDING_SHUTDOWN, State.RUNNING);
        failure.onChange(State.NOT_RUNNING, State.PENDING_SHUTDOWN);

        assertThat(stops).hasValue(0);
    }

    @Test
    void shouldShutTheClientDownRatherThanAskToReplaceAGlobalThread() {
        assertThat(failure.handle(new IllegalStateException("boom"))).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    }

    @Test
    void shouldNameTheInnermostCause() {
        assertThat(StopOnStreamsError.rootCause(new RuntimeException("outer", new SchemaRegistryException("s-value", 0, "connection refused"))))
                .contains("schema registry unreachable").contains("connection refused");
    }
}
