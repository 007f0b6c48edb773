package org.ticketpipeline.classifier.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.topic.TopicNames;
import org.ticketpipeline.schemas.topic.Topics;

class StreamsConfigTest {

    private static Properties config(short replicationFactor) {
        KafkaSettings kafka = new KafkaSettings();
        kafka.setReplicationFactor(replicationFactor);
        ClassifierSettings settings = new ClassifierSettings();
        Topics topics = new Topics(TopicNames.DEFAULTS, new SchemaRegistryClient("http://127.0.0.1:1"));
        return ClassifierStreams.streamsConfig(kafka, settings, DeadLetterRoutes.of(settings.getApplicationId(), topics));
    }

    @Test
    void shouldAskAMajorityOfThreeReplicasOrMoreForTheInternalTopicsToo() {
        // the repartition topic holds every event once its source offset is committed
        assertThat(config((short) 3)).containsEntry("topic.min.insync.replicas", "2").containsEntry("replication.factor", 3);
        assertThat(config((short) 1)).doesNotContainKey("topic.min.insync.replicas");
    }
}
