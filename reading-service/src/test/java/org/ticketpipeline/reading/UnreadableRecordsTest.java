package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.schemas.registry.SchemaRegistryException;

/** What reaches the dead letters goes through the broker in ReadingIT; here, what must not. */
class UnreadableRecordsTest {

    @Test
    void shouldStopRatherThanPutASubscriptionAsideWhenTheRegistryDoesNotAnswer() {
        UnreadableRecords handler = new UnreadableRecords();
        handler.configure(Map.of());
        ConsumerRecord<byte[], byte[]> subscription = new ConsumerRecord<>("subscriptions", 0, 3L, "s1".getBytes(), new byte[] {0, 0, 0, 0, 9});

        DeserializationExceptionHandler.Response down = handler.handleError(context(), subscription,
                new SerializationException("registry", new SchemaRegistryException("subscriptions-value", 503, "unavailable")));

        assertThat(down.result()).isEqualTo(DeserializationExceptionHandler.Result.FAIL);
        assertThat(down.deadLetterQueueRecords()).isEmpty();
    }

    private static ErrorHandlerContext context() {
        return new ErrorHandlerContext() {
            @Override public String topic() { return "subscriptions"; }
            @Override public int partition() { return 0; }
            @Override public long offset() { return 3L; }
            @Override public Headers headers() { return new RecordHeaders(); }
            @Override public String processorNodeId() { return "subscriptions-source-source"; }
            @Override public TaskId taskId() { return new TaskId(-1, -1); }
            @Override public long timestamp() { return 0; }
            @Override public byte[] sourceRawKey() { return null; }
            @Override public byte[] sourceRawValue() { return null; }
        };
    }
}
