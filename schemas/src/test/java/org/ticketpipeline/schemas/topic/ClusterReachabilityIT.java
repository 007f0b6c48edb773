package org.ticketpipeline.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ticketpipeline.localstack.FreePorts;
import org.ticketpipeline.localstack.KafkaStack;
import org.ticketpipeline.localstack.KafkaStackExtension;

/** What a service's health says of its Kafka cluster: a real broker answers, an address with none does not, in seconds. */
@ExtendWith(KafkaStackExtension.class)
class ClusterReachabilityIT {

    @Test
    void shouldSayWhenTheClusterAnswersAndWhenNoneDoes(KafkaStack stack) {
        try (ClusterReachability up = new ClusterReachability(stack.bootstrapServers());
             ClusterReachability none = new ClusterReachability("127.0.0.1:" + FreePorts.next())) {
            assertThat(up.ask()).isNull();
            long started = System.nanoTime();
            assertThat(none.ask()).startsWith("no answer within 3 s");
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).as("bounded").isLessThan(java.time.Duration.ofSeconds(10));

            // what a health check reads, at once: the last answer of the checks made on their own thread
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> none.unreachable() != null);
            long read = System.nanoTime();
            assertThat(none.unreachable()).startsWith("no answer within 3 s");
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - read)).as("no wait on the caller's thread").isLessThan(java.time.Duration.ofMillis(100));
            assertThat(up.unreachable()).isNull();
            assertThat(none.judge("RUNNING", true).up()).as("a stream RUNNING with its broker away").isFalse();
            assertThat(none.judge("RUNNING", true).details()).containsEntry("state", "RUNNING").containsKey("kafka");
            assertThat(up.judge("RUNNING", true).up()).isTrue();
            assertThat(up.judge("ERROR", false).details()).as("down whatever Kafka says, not asked").doesNotContainKey("kafka");
        }
    }
}
