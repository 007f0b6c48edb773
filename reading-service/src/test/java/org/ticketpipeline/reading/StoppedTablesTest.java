package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;

/**
 * Once the tables' Kafka Streams stopped (ERROR, or shut down), every query answers 503 problem+json with
 * Retry-After, as while loading, not a generic 500; and a DELETE does not blame Kafka. The streams here are
 * the service's own topology, closed without ever starting: Kafka Streams then says "not running" exactly
 * as in ERROR, without a broker.
 */
class StoppedTablesTest {

    @TempDir
    static Path stateDir;
    private static KafkaStreams streams;
    private static ThemeWindowsView view;

    @BeforeAll
    static void stopTheTables() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "reading-stopped-" + UUID.randomUUID());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9"); // never reached: these streams never start
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        streams = new KafkaStreams(ThemeWindowsView.topology(new ReadingSettings(), new SchemaRegistryClient("http://127.0.0.1:9")), config);
        streams.close(Duration.ofSeconds(30));
        view = new ThemeWindowsView(streams);
    }

    @AfterAll
    static void closeTheTables() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(5));
        }
    }

    @Test
    void shouldAnswerEveryQueryWith503ProblemJsonOnceTheTablesStopped() {
        assertThat(view.state().isRunningOrRebalancing()).isFalse();
        SubscriptionController subscriptions = new SubscriptionController(view, new ReadingProducer(MockProducers.acknowledging()),
                new ReadingSettings());
        ReleaseWatchController releases = new ReleaseWatchController(view);
        Map<String, HttpResponse<?>> answers = Map.of(
                "themes", new ThemesController(view).themes("ledger", "hour", null),
                "weekly reading", new WeeklyReadingController(view).weekly("ledger", "2026-11-16", "json", "trio", null),
                "releases", releases.releases(null, "14"),
                "watch", releases.watch("ledger-4.3.0"),
                "release reading", releases.reading("ledger-4.3.0", "json", "trio", null),
                "subscriptions", subscriptions.list(),
                "subscription", subscriptions.get("sub-1"),
                "deliveries", subscriptions.deliveries("sub-1"),
                "delete", subscriptions.delete("sub-1"));

        answers.forEach((what, answer) -> {
            assertThat(answer.code()).as(what).isEqualTo(503);
            assertThat(answer.getHeaders().get("Retry-After")).as(what).isNotBlank();
            assertThat(answer.getContentType()).as(what).hasValueSatisfying(t -> assertThat(t.toString()).startsWith(Problem.MEDIA_TYPE));
            assertThat(SubscriptionControllerTest.problem(answer).title()).as(what).isEqualTo("Not serving");
        });
    }

    @Test
    void shouldSayWhichStateTheTablesAreIn() {
        HttpResponse<?> answer = new ThemesController(view).themes("ledger", "hour", null);

        assertThat(SubscriptionControllerTest.problem(answer).detail()).contains(KafkaStreams.State.NOT_RUNNING.name());
    }
}
