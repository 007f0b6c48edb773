package org.ticketpipeline.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class EmbeddedStackIT {

    @Test
    void shouldCarryARecordAndAnswerRegistryCallsThenLeaveNoProcessBehind() throws Exception {
        long registryPid;
        try (EmbeddedStack stack = EmbeddedStack.start()) {
            registryPid = stack.registryPid();
            // given a running stack and a topic (the broker creates none on first use), when a record is produced and consumed
            try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("smoke", 1, (short) 1))).all().get();
            }
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("smoke", "k", "hello")).get();
            }
            try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "smoke",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("smoke"));
                ConsumerRecord<String, String> got = null;
                long deadline = System.currentTimeMillis() + 20_000;
                while (got == null && System.currentTimeMillis() < deadline) {
                    var records = consumer.poll(Duration.ofMillis(200));
                    if (!records.isEmpty()) {
                        got = records.iterator().next();
                    }
                }
                // then it comes back as sent
                assertThat(got).isNotNull();
                assertThat(got.value()).isEqualTo("hello");
            }
            // and the registry's Confluent-compatible API answers
            var response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(stack.registryUrl() + "/subjects")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("[]");
        }
        // then closing the stack stops the registry's JVM
        Optional<ProcessHandle> registry = ProcessHandle.of(registryPid);
        assertThat(registry.map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
}
