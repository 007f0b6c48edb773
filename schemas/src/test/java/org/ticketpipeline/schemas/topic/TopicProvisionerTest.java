package org.ticketpipeline.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TopicProvisionerTest {

    @Test
    void shouldAskAMajorityOfThreeOrMoreReplicasToHaveAWriteAndLeaveFewerToTheBroker() {
        TopicProvisioner.Spec events = TopicProvisioner.Spec.stampedOnArrival("ticket-events", 6);

        assertThat(TopicProvisioner.configsOf(events, (short) 3)).containsEntry("min.insync.replicas", "2")
                .containsEntry("message.timestamp.type", "LogAppendTime");
        assertThat(TopicProvisioner.configsOf(events, (short) 5)).containsEntry("min.insync.replicas", "3");
        assertThat(TopicProvisioner.configsOf(events, (short) 2)).doesNotContainKey("min.insync.replicas");
        assertThat(TopicProvisioner.configsOf(TopicProvisioner.Spec.compacted("theme-windows", 6, Duration.ofDays(90)), (short) 1))
                .doesNotContainKey("min.insync.replicas").containsEntry("cleanup.policy", "compact,delete");
    }

    @Test
    void shouldSayWhichSettingsAnExistingTopicLacks() {
        TopicProvisioner.Spec releases = TopicProvisioner.Spec.latestPerKey("releases", 3);

        assertThat(TopicProvisioner.differences(releases, (short) 3, java.util.Map.of("cleanup.policy", "delete", "min.insync.replicas", "2")))
                .containsExactly("has cleanup.policy=delete, not cleanup.policy=compact");
        assertThat(TopicProvisioner.differences(releases, (short) 3, java.util.Map.of("cleanup.policy", "compact")))
                .containsExactly("has min.insync.replicas=null, not min.insync.replicas=2");
        assertThat(TopicProvisioner.differences(releases, (short) 1, java.util.Map.of("cleanup.policy", "compact"))).isEmpty();
        TopicProvisioner.Spec windows = TopicProvisioner.Spec.compacted("theme-windows", 3, Duration.ofDays(90));
        java.util.Map<String, String> reordered = new java.util.HashMap<>(TopicProvisioner.configsOf(windows, (short) 1));
        reordered.put("cleanup.policy", "delete,compact");
        assertThat(TopicProvisioner.differences(windows, (short) 1, reordered)).as("the same policies in another order").isEmpty();
    }
}
