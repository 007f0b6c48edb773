package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ticketpipeline.localstack.HttpCalls;
import org.ticketpipeline.localstack.KafkaStack;
import org.ticketpipeline.localstack.KafkaStackExtension;
import org.ticketpipeline.schemas.Reading;
import org.ticketpipeline.schemas.ReadingKind;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.serde.AvroSerializer;

/**
 * A client of the readings stream that comes back with the id of its last event (as a browser's
 * EventSource does) is given the readings it missed, also from a service that restarted meanwhile, then
 * what comes; one whose last event the service does not keep is told so. Through the real broker and
 * registry.
 */
@ExtendWith(KafkaStackExtension.class)
class ReadingsReplayIT {

    private static final String STREAM = "/v1/readings/stream";
    /** One client for every stream of the test: Java 17's cannot be closed, and each holds threads of its own. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path stateDir;

    @Test
    void shouldGiveAReconnectingClientTheReadingsItMissedAlsoAfterARestart(KafkaStack stack) throws Exception {
        String product = "replay-" + UUID.randomUUID().toString().substring(0, 6);
        String applicationId = "replay-it-" + UUID.randomUUID();
        String first = product + "|weekly|2026-11-02|trio";
        String second = product + "|weekly|2026-11-09|trio";
        String third = product + "|weekly|2026-11-16|trio";
        String forExec = product + "|weekly|2026-11-16|exec";
        String release = product + "-1.2.0|release|24h@2026-11-20T09:00:00Z|trio";

        try (ApplicationContext service = readingService(stack, applicationId)) {
            String base = start(service);
            Sse live = Sse.open(base + STREAM, null);
            publish(stack, first);
            publish(stack, second);
            live.awaitData(second);
            assertThat(live.lines).contains("id: " + second);
            String lastSeen = second; // the client's last reading (another test's may have come after it: it would be replayed too)
            live.close();

            publish(stack, third); // while the client is away
            publish(stack, "other-" + product + "|weekly|2026-11-16|trio"); // another product's, which a filtered client is not given
            publish(stack, forExec, ReadingKind.WEEKLY, "exec"); // another audience's
            publish(stack, release, ReadingKind.RELEASE_WATCH, "trio"); // another kind

            Sse back = Sse.open(base + STREAM, lastSeen);
            back.awaitData(third);
            back.awaitData(release);
            assertThat(back.dataOf(product)).as("what came after its last event, not what it had").containsExactly(third, forExec, release);

            Sse unknown = Sse.open(base + STREAM, "nobody|weekly|2020-01-06|trio");
            await().atMost(Duration.ofSeconds(20)).until(() -> unknown.lines.contains("event: missed"));
            int missed = unknown.lines.indexOf("event: missed");
            assertThat(unknown.lines.get(missed - 1)).as("the newest reading's id: the client's place from now on").startsWith("id: ");
            assertThat(unknown.lines.get(missed + 1)).startsWith("data:").contains("\"lastEventId\":\"nobody|weekly|2020-01-06|trio\"")
                    .contains("14 days");
            await().atMost(Duration.ofSeconds(10)).until(() -> unknown.lines.subList(missed, unknown.lines.size()).contains("event: heartbeat"));
            assertThat(unknown.dataOf(product)).as("not a replay of everything kept").isEmpty();

            // only what the client asked for, also in a replay: one product's weekly readings for its trio
            Sse filtered = Sse.open(base + STREAM + "?product=" + product + "&kind=weekly&audience=trio", first);
            filtered.awaitData(third);
            assertThat(filtered.lines.stream().filter(l -> l.startsWith("data:") && l.contains("\"readingId\"")).toList()).as("no other product's reading")
                    .allMatch(l -> l.contains("\"product\":\"" + product + "\""));
            await().atMost(Duration.ofSeconds(20)).until(() -> filtered.lines.contains("id: " + release));
            assertThat(filtered.dataOf(product)).as("its product's weekly readings for its trio, not another audience's or kind's")
                    .containsExactly(second, third);
            assertThat(filtered.lines).as("the others pass by as their ids alone, so the client's place moves on")
                    .containsSubsequence("id: " + forExec, "event: passed").containsSubsequence("id: " + release, "event: passed");
            filtered.close();
            Sse filteredUnknown = Sse.open(base + STREAM + "?product=" + product, "nobody|weekly|2020-01-06|trio");
            await().atMost(Duration.ofSeconds(20)).until(() -> filteredUnknown.lines.contains("event: missed"));
            filteredUnknown.close();
            HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(
                    URI.create(base + STREAM + "?kind=monthly&audience=board")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("\"field\":\"kind\"").contains("'monthly' is not one of weekly / release_watch / theme_spike")
                    .contains("\"field\":\"audience\"");

            // a product named in other letters than ASCII: a browser sends the id back in UTF-8
            String accented = "café-" + product;
            publish(stack, accented + "|weekly|2026-11-02|trio");
            publish(stack, accented + "|weekly|2026-11-09|trio");
            back.awaitData(accented + "|weekly|2026-11-09|trio");
            String afterFirst = rawStream(base, accented + "|weekly|2026-11-02|trio");
            assertThat(afterFirst).contains("\"readingId\":\"" + accented + "|weekly|2026-11-09|trio\"").doesNotContain("event: missed");
            back.close();
            unknown.close();
        }

        try (ApplicationContext restarted = readingService(stack, applicationId)) {
            String base = start(restarted);
            Sse back = Sse.open(base + STREAM, first);
            back.awaitData(third);
            back.awaitData(release);
            assertThat(back.dataOf(product)).as("read again from the topic at start, in the order written")
                    .containsExactly(second, third, forExec, release);

            String fourth = product + "|weekly|2026-11-23|trio";
            publish(stack, fourth);
            back.awaitData(fourth);
            assertThat(back.dataOf(product)).as("then what comes, once").containsExactly(second, third, forExec, release, fourth);
            back.close();
        }
    }

    /**
     * With no reading kept, {@code missed} carries an empty id: it clears the client's place, so a browser
     * reconnects without {@code Last-Event-ID} and is not told "missed" again at each reconnection.
     */
    @Test
    void shouldClearTheClientsPlaceWhenNoReadingIsKept(KafkaStack stack) throws Exception {
        String applicationId = "replay-empty-it-" + UUID.randomUUID();
        try (ApplicationContext service = readingService(stack, applicationId, "readings-none-" + UUID.randomUUID())) {
            String base = start(service);
            Sse unknown = Sse.open(base + STREAM, "nobody|weekly|2020-01-06|trio");
            await().atMost(Duration.ofSeconds(20)).until(() -> unknown.lines.contains("event: missed"));
            int missed = unknown.lines.indexOf("event: missed");
            assertThat(unknown.lines.get(missed - 1)).as("an empty id: the client's place cleared").isEqualTo("id: ");
            assertThat(unknown.lines.get(missed + 1)).startsWith("data:").contains("\"lastEventId\":\"nobody|weekly|2020-01-06|trio\"");
            unknown.close();
        }
    }

    private static ApplicationContext readingService(KafkaStack stack, String applicationId) {
        return readingService(stack, applicationId, "readings");
    }

    private static ApplicationContext readingService(KafkaStack stack, String applicationId, String readingsTopic) {
        return ApplicationContext.run(Map.of(
                "micronaut.server.port", -1,
                "kafka.bootstrap-servers", stack.bootstrapServers(),
                "kafka.schema-registry-url", stack.registryUrl(),
                "reading.application-id", applicationId,
                "reading.readings-topic", readingsTopic,
                "reading.state-dir", stateDir.resolve(applicationId + "-" + UUID.randomUUID()).toString(),
                "reading.heartbeat-interval", "1s"));
    }

    private static String start(ApplicationContext service) {
        String base = "http://127.0.0.1:" + service.getBean(EmbeddedServer.class).start().getPort();
        await().atMost(Duration.ofSeconds(30)).until(() -> HttpCalls.get(base + "/v1/subscriptions").statusCode() == 200);
        return base;
    }

    private static void publish(KafkaStack stack, String readingId) throws Exception {
        publish(stack, readingId, ReadingKind.WEEKLY, "trio");
    }

    private static void publish(KafkaStack stack, String readingId, ReadingKind kind, String audience) throws Exception {
        Instant now = Instant.now();
        String product = readingId.substring(0, readingId.indexOf('|')).replaceAll("-\\d+\\.\\d+\\.\\d+$", ""); // a release's id names its product
        Reading reading = Reading.newBuilder().setReadingId(readingId).setKind(kind).setProduct(product).setAudience(audience)
                .setPeriodStart(now.minus(Duration.ofDays(7))).setPeriodEnd(now).setLines(List.of("Five lines.")).setMadeFrom("test")
                .setGeneratedAt(now).build();
        try (var producer = new KafkaProducer<String, Reading>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new AvroSerializer<>(new SchemaRegistryClient(stack.registryUrl()), false))) {
            producer.send(new ProducerRecord<>("readings", ReadingProducer.READINGS_PARTITION, readingId, reading)).get();
        }
    }

    /**
     * What the stream sends in its first seconds to a client that names its last event in UTF-8, as a browser
     * does (Java's HTTP client sends a header's characters as single bytes).
     */
    private static String rawStream(String base, String lastEventId) throws Exception {
        URI uri = URI.create(base);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(3_000);
            socket.getOutputStream().write(("GET " + STREAM + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nAccept: text/event-stream\r\n"
                    + "Last-Event-ID: " + lastEventId + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            // a stream does not end (a heartbeat a second): what came in its first seconds is what is looked at
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            try {
                for (int n; System.nanoTime() < until && (n = socket.getInputStream().read(buffer)) > 0; ) {
                    read.write(buffer, 0, n);
                }
            } catch (java.net.SocketTimeoutException quiet) {
                // nothing for three seconds, not even a heartbeat: what came is all there is
            }
            return read.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** A live server-sent event stream's lines, once it has said it is connected. */
    private record Sse(List<String> lines, AtomicReference<Stream<String>> body) {

        /** {@code url}: the stream's address, with its query. */
        static Sse open(String url, String lastEventId) {
            List<String> lines = new CopyOnWriteArrayList<>();
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            AtomicReference<Stream<String>> body = new AtomicReference<>();
            HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
                body.set(r.body());
                r.body().forEach(lines::add);
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.contains("connected")));
            return new Sse(lines, body);
        }

        void awaitData(String readingId) {
            await().atMost(Duration.ofSeconds(30)).until(() -> lines.stream().anyMatch(l -> l.startsWith("data:") && l.contains(readingId)));
        }

        /** The reading ids of the product's readings given, in order. */
        List<String> dataOf(String product) {
            return lines.stream().filter(l -> l.startsWith("data:") && l.contains("\"product\":\"" + product + "\""))
                    .map(l -> l.replaceAll(".*\"readingId\":\"([^\"]*)\".*", "$1")).toList();
        }

        /** Hangs up: closing the body's lines ends the connection. */
        void close() {
            body.get().close();
        }
    }
}
