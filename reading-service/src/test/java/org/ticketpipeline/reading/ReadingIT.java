package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.MediaType;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.scheduling.executor.ThreadSelection;
import io.micronaut.web.router.Router;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ticketpipeline.localstack.HttpCalls;
import org.ticketpipeline.localstack.KafkaStack;
import org.ticketpipeline.localstack.KafkaStackExtension;
import org.ticketpipeline.localstack.TopicRecords;
import org.ticketpipeline.schemas.Movement;
import org.ticketpipeline.schemas.ThemeWindow;
import org.ticketpipeline.schemas.topic.DeadLetterRecords;
import org.ticketpipeline.schemas.topic.ThemeWindowKeys;

/** The themes endpoint over real HTTP, fed from the real theme-windows topic. */
@ExtendWith(KafkaStackExtension.class)
class ReadingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant H = Instant.parse("2026-11-02T09:00:00Z");
    private static KafkaStack stack;
    private static ApplicationContext context;
    @TempDir
    static Path stateDir;
    private static String base;

    @BeforeAll
    static void start(KafkaStack kafkaStack) throws Exception {
        stack = kafkaStack;
        context = ApplicationContext.run(Map.of(
                "micronaut.server.port", -1,
                "kafka.bootstrap-servers", stack.bootstrapServers(),
                "kafka.schema-registry-url", stack.registryUrl(),
                "reading.application-id", "reading-it-" + UUID.randomUUID(),
                "reading.state-dir", stateDir.toString()));
        base = "http://127.0.0.1:" + context.getBean(EmbeddedServer.class).start().getPort();
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void shouldServeTheCurrentAndPreviousWindowWithThemesRanked() throws Exception {
        String product = "ledger-" + UUID.randomUUID().toString().substring(0, 6);
        Instant previous = H.minusSeconds(3600);
        publish(ThemeWindows.hour(product, "csv export times out", previous, 2, 0, Movement.NEW));
        publish(ThemeWindows.hour(product, "invoice totals wrong", previous, 4, 0, Movement.NEW));
        publish(ThemeWindows.hour(product, "login loop after update", H, 1, 0, Movement.NEW));
        publish(ThemeWindows.hour(product, "csv export times out", H, 3, 2, Movement.STEADY));
        publish(ThemeWindows.hour(product, "csv export times out", H, 5, 2, Movement.RISING)); // the latest wins

        String url = base + "/v1/products/" + product + "/themes?window=hour&at=2026-11-02T09:30:00Z";
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> r = HttpCalls.get(url);
            return r.statusCode() == 200 && JSON.readTree(r.body()).path("current").path("themes").path(0).path("volume").asInt() == 5;
        });
        JsonNode answer = JSON.readTree(HttpCalls.get(url).body());

        assertThat(answer.path("window").asText()).isEqualTo("hour");
        assertThat(answer.path("current").path("start").asText()).isEqualTo("2026-11-02T09:00:00Z");
        assertThat(answer.path("current").path("themes").findValuesAsText("theme"))
                .containsExactly("csv export times out", "login loop after update");
        assertThat(answer.path("current").path("themes").get(0).path("movement").asText()).isEqualTo("rising");
        assertThat(answer.path("current").path("volume").asInt()).isEqualTo(6);
        assertThat(answer.path("previous").path("themes").findValuesAsText("theme")).containsExactly("invoice totals wrong", "csv export times out");
        assertThat(answer.path("previous").path("themes").get(1).path("volume").asInt()).isEqualTo(2);
        assertThat(answer.path("current").path("gone").toString()).as("fell to nothing in this hour")
                .isEqualTo("[{\"theme\":\"invoice totals wrong\",\"previousVolume\":4}]");
        assertThat(answer.path("previous").path("gone").isArray()).isTrue();

        // the same instant with an offset, its '+' typed as is (a query string reads it as a space) or encoded
        String withOffset = base + "/v1/products/" + product + "/themes?window=hour&at=2026-11-02T10:30:00";
        assertThat(JSON.readTree(HttpCalls.get(withOffset + "+01:00").body()).path("current").path("start").asText())
                .isEqualTo("2026-11-02T09:00:00Z");
        assertThat(JSON.readTree(HttpCalls.get(withOffset + "%2B01:00").body()).path("current").path("start").asText())
                .isEqualTo("2026-11-02T09:00:00Z");

        // an hour with no ticket: its themes are an empty list, not left out
        JsonNode quiet = JSON.readTree(HttpCalls.get(base + "/v1/products/" + product + "/themes?window=hour&at=2026-11-02T03:30:00Z").body());
        assertThat(quiet.path("current").path("themes").isArray()).as(quiet.toString()).isTrue();
        assertThat(quiet.path("current").path("themes")).isEmpty();
    }

    @Test
    void shouldDeadLetterAnUnreadableWindowAndGoOnServingTheOthersAlsoAfterAStartFromNothing(@TempDir Path freshState) throws Exception {
        String product = "poisoned-" + UUID.randomUUID().toString().substring(0, 6);
        // in the very window the request scans: a store that held it would fail the request
        String poisonKey = ThemeWindowKeys.window(product, "hour", H.toEpochMilli(), "login loop after update");
        publish(ThemeWindows.hour(product, "csv export times out", H, 1, 0, Movement.NEW)); // creates the topic, as the classifier would
        try (var raw = new KafkaProducer<String, byte[]>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>("theme-windows", poisonKey, "not a window".getBytes(StandardCharsets.UTF_8))).get();
        }
        publish(ThemeWindows.hour(product, "csv export times out", H, 4, 1, Movement.RISING));

        String path = "/v1/products/" + product + "/themes?window=hour&at=2026-11-02T09:30:00Z";
        await().atMost(Duration.ofSeconds(30)).until(() -> servesTheGoodWindowOnly(base + path));
        ConsumerRecord<byte[], byte[]> letter = TopicRecords.read(stack.bootstrapServers(), "theme-windows.dlt",
                        rs -> rs.stream().anyMatch(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(poisonKey)),
                        Duration.ofSeconds(30), Duration.ZERO)
                .stream().filter(r -> r.key() != null && new String(r.key(), StandardCharsets.UTF_8).equals(poisonKey)).findFirst().orElseThrow();
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("not a window");
        assertThat(new String(letter.headers().lastHeader(DeadLetterRecords.TOPIC).value(), StandardCharsets.UTF_8)).isEqualTo("theme-windows");
        assertThat(context.getBean(ThemeWindowsView.class).state().isRunningOrRebalancing()).isTrue();

        // a new instance restores its tables from the topics: the unreadable record must not come back with them
        try (ApplicationContext fresh = ApplicationContext.run(Map.of(
                "micronaut.server.port", -1,
                "kafka.bootstrap-servers", stack.bootstrapServers(),
                "kafka.schema-registry-url", stack.registryUrl(),
                "reading.application-id", "reading-it-fresh-" + UUID.randomUUID(),
                "reading.state-dir", freshState.toString()))) {
            String freshBase = "http://127.0.0.1:" + fresh.getBean(EmbeddedServer.class).start().getPort();
            await().atMost(Duration.ofSeconds(30)).until(() -> servesTheGoodWindowOnly(freshBase + path));
            assertThat(fresh.getBean(ThemeWindowsView.class).state().isRunningOrRebalancing()).isTrue();
        }
    }

    private static boolean servesTheGoodWindowOnly(String url) throws Exception {
        HttpResponse<String> r = HttpCalls.get(url);
        if (r.statusCode() != 200) {
            return false;
        }
        JsonNode themes = JSON.readTree(r.body()).path("current").path("themes");
        return themes.size() == 1 && themes.path(0).path("volume").asInt() == 4;
    }

    @Test
    void shouldServeTheWeeklyReadingOfAPastWeekInFiveLinesAsJsonTextAndMarkdown() throws Exception {
        // a "+" in the product: the path reads it as a plus, not as the space a form would make of it
        String product = "weekly+" + UUID.randomUUID().toString().substring(0, 6);
        Instant week = Instant.parse("2026-11-16T00:00:00Z");
        publish(ThemeWindow.newBuilder(ThemeWindows.hour(product, "csv export times out", week.minusSeconds(7 * 24 * 3600), 4, 0, Movement.NEW))
                .setWindow("week").build());
        publish(ThemeWindow.newBuilder(ThemeWindows.hour(product, "csv export times out", week, 15, 4, Movement.RISING)).setWindow("week").build());

        String url = base + "/v1/products/" + product + "/readings/weekly?week=2026-11-18";
        await().atMost(Duration.ofSeconds(30)).until(() -> HttpCalls.get(url).statusCode() == 200
                && JSON.readTree(HttpCalls.get(url).body()).path("lines").get(1).asText().contains("csv export times out"));
        JsonNode reading = JSON.readTree(HttpCalls.get(url).body());
        HttpResponse<String> text = HttpCalls.get(url + "&format=text");
        HttpResponse<String> markdown = HttpCalls.get(url + "&format=markdown");

        assertThat(reading.path("weekStart").asText()).isEqualTo("2026-11-16T00:00:00Z");
        assertThat(reading.path("lines").size()).isEqualTo(5);
        assertThat(reading.path("lines").get(1).asText()).isEqualTo("Top theme: csv export times out, rising, mostly bug (15 tickets).");
        assertThat(reading.path("madeFrom").asText()).contains("theme-windows of " + product);
        assertThat(JSON.readTree(HttpCalls.get(url.replace("+", "%2B")).body()).path("lines")).as("the '+' escaped").isEqualTo(reading.path("lines"));
        assertThat(text.body().split("\n")).hasSize(5);
        assertThat(markdown.body()).contains("- Take to the trio: csv export times out is rising");
        assertThat(HttpCalls.get(url + "&format=pdf").statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(HttpCalls.get(url + "&audience=exec").body()).path("lines").size()).isEqualTo(3);
        assertThat(JSON.readTree(HttpCalls.get(url + "&audience=squad").body()).path("lines").get(0).asText())
                .startsWith("csv export times out: rising");
        assertThat(HttpCalls.get(url + "&audience=cfo").statusCode()).isEqualTo(400);
        assertThat(HttpCalls.get(base + "/v1/products/" + product + "/readings/weekly?week=soon").statusCode()).isEqualTo(400);
        HttpResponse<String> future = HttpCalls.get(base + "/v1/products/" + product + "/readings/weekly?week=2099-01-05");
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(future.body()).path("errors").get(0).path("reason").asText()).contains("has not begun");
        assertThat(text.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t.toLowerCase()).contains("charset=utf-8"));
        // asked for by Accept, as a client that wants text does, not refused as not acceptable
        java.net.http.HttpResponse<String> byAccept = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url + "&format=text")).header("Accept", "text/plain").GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(byAccept.statusCode()).isEqualTo(200);
        assertThat(byAccept.body().split("\n")).hasSize(5);
        java.net.http.HttpResponse<String> onlyAccept = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url)).header("Accept", "text/plain").GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(onlyAccept.body()).as("the text, with no ?format=").startsWith("Volume: ").doesNotContain("WeeklyReading[");
        assertThat(HttpCalls.get(url).body()).as("JSON when nothing asks for text").startsWith("{");
        // preference by q, not by the order listed; and a q never sent back in the answer's type
        assertThat(withAccept(url, "text/plain;q=0.9, application/json;q=0.1")).isEqualTo("200 text/plain;charset=utf-8 V");
        assertThat(withAccept(url, "application/json;q=0.5, text/plain")).isEqualTo("200 text/plain;charset=utf-8 V");
        assertThat(withAccept(url, "application/json;q=0.1, text/markdown")).startsWith("200 text/markdown;charset=utf-8 ");
        assertThat(withAccept(url, "text/plain;q=0, application/json;q=0.9")).isEqualTo("200 application/json {");
        assertThat(withAccept(url, "text/*, application/json;q=0.5")).isEqualTo("200 text/plain;charset=utf-8 V");
        assertThat(withAccept(base + "/v1/products/" + product + "/themes?window=week&at=2026-11-04T09:00:00Z", "application/json;q=0.9"))
                .isEqualTo("200 application/json {");
        assertThat(withAccept(base + "/v1/releases", "application/json;q=0.9")).isEqualTo("200 application/json [");
    }

    /** "status content-type first-character" of a GET with this Accept, the type as sent, lower case. */
    private static String withAccept(String url, String accept) throws Exception {
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(url)).header("Accept", accept).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        String body = answer.body();
        return answer.statusCode() + " " + answer.headers().firstValue("Content-Type").orElse("none").toLowerCase().replace(" ", "") + " "
                + body.substring(0, Math.min(1, body.length()));
    }

    @Test
    void shouldServeNoWindowOfATransactionTheClassifierAborted() throws Exception {
        String aborted = "aborted-" + UUID.randomUUID().toString().substring(0, 6);
        String committed = "committed-" + UUID.randomUUID().toString().substring(0, 6);
        ThemeWindows.publishAborted(stack, ThemeWindows.hour(aborted, "csv export times out", H, 9, 0, Movement.NEW));
        publish(ThemeWindows.hour(committed, "csv export times out", H, 2, 0, Movement.NEW));

        // the committed window, written after the aborted one, is read: so the aborted one would have been too
        await().atMost(Duration.ofSeconds(30)).until(() ->
                HttpCalls.get(base + "/v1/products/" + committed + "/themes?window=hour&at=2026-11-02T09:30:00Z").statusCode() == 200);
        assertThat(HttpCalls.get(base + "/v1/products/" + aborted + "/themes?window=hour&at=2026-11-02T09:30:00Z").statusCode())
                .as("rolled back: no ticket of it was ever themed").isEqualTo(404);
        for (String route : List.of("/themes?window=hour&at=2026-11-02T09:30:00Z", "/readings/weekly")) {
            assertThat(HttpCalls.get(base + "/v1/products/" + committed + "%7Chour" + route).statusCode())
                    .as("a product named with the keys' separator is none, not the product before it: " + route).isEqualTo(404);
        }
    }

    @Test
    void shouldSayWhatIsWrongWithARequest() throws Exception {
        HttpResponse<String> badWindow = HttpCalls.get(base + "/v1/products/ledger/themes?window=fortnight");
        HttpResponse<String> badAt = HttpCalls.get(base + "/v1/products/ledger/themes?window=hour&at=tuesday");
        HttpResponse<String> unknown = HttpCalls.get(base + "/v1/products/nobody-" + UUID.randomUUID() + "/themes");

        assertThat(badWindow.statusCode()).isEqualTo(400);
        assertThat(badWindow.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(JSON.readTree(badWindow.body()).path("errors").get(0).path("field").asText()).isEqualTo("window");
        assertThat(badAt.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badAt.body()).path("errors").get(0).path("reason").asText()).contains("'tuesday'");
        assertThat(unknown.statusCode()).isEqualTo(404);
        HttpResponse<String> badDays = HttpCalls.get(base + "/v1/releases?closedWithinDays=lots");
        assertThat(badDays.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(badDays.body()).path("errors").get(0).path("field").asText()).isEqualTo("closedWithinDays");
        // a misspelt or repeated query parameter is said, not passed over for the default
        HttpResponse<String> misspelt = HttpCalls.get(base + "/v1/products/ledger/readings/weekly?weeks=2026-11-16&format=text");
        HttpResponse<String> twice = HttpCalls.get(base + "/v1/readings/stream?kind=weekly&kind=theme_spike");
        assertThat(misspelt.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(misspelt.body()).path("errors").get(0).path("field").asText()).isEqualTo("weeks");
        assertThat(JSON.readTree(misspelt.body()).path("errors").get(0).path("reason").asText())
                .isEqualTo("is not a parameter of this request: audience, format, week");
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(twice.body()).path("errors").get(0).path("reason").asText()).isEqualTo("is given 2 times; it takes one value");
        assertThat(HttpCalls.get(base + "/v1/releases?product=ledger&closedWithinDays=3").statusCode()).as("the parameters it takes").isEqualTo(200);
        assertThat(HttpCalls.get(base + "/health?probe=1").statusCode()).as("a probe's own parameter, outside the API").isNotEqualTo(400);
        // the framework's own refusals too: a path that is no route, a body sent as a form (curl -d without -H)
        HttpResponse<String> noRoute = HttpCalls.get(base + "/v1/nothing-here");
        HttpResponse<String> form = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(base + "/v1/subscriptions")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"kind\": \"weekly\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noRoute.statusCode()).isEqualTo(404);
        assertThat(form.statusCode()).isEqualTo(415);
        for (HttpResponse<String> refused : List.of(noRoute, form)) {
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(JSON.readTree(refused.body()).path("status").asInt()).isEqualTo(refused.statusCode());
            assertThat(JSON.readTree(refused.body()).path("detail").asText()).isNotBlank();
        }
    }

    @Test
    void shouldAnswerAMalformedOrMistypedSubscriptionWithProblemJsonNamingTheField() throws Exception {
        String fields = "\"kind\": \"weekly\", \"product\": \"ledger\", \"webhookUrl\": \"https://chat.example.org/hooks/trio\"";

        HttpResponse<String> trailingComma = HttpCalls.postJson(base + "/v1/subscriptions", "{" + fields + ",}");
        HttpResponse<String> wrongType = HttpCalls.postJson(base + "/v1/subscriptions", "{" + fields + ", \"audience\": [\"trio\"]}");
        HttpResponse<String> wrongKind = HttpCalls.postJson(base + "/v1/subscriptions",
                "{" + fields.replace("\"weekly\"", "[\"weekly\"]") + "}");
        HttpResponse<String> notAnObject = HttpCalls.postJson(base + "/v1/subscriptions", "[{" + fields + "}]");
        HttpResponse<String> twice = HttpCalls.postJson(base + "/v1/subscriptions", "{" + fields + ", \"product\": \"roster\"}");

        assertThat(trailingComma.statusCode()).isEqualTo(400);
        assertThat(trailingComma.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(JSON.readTree(trailingComma.body()).path("status").asInt()).isEqualTo(400);
        assertThat(JSON.readTree(trailingComma.body()).path("detail").asText()).contains("not valid JSON").contains("line 1");
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(twice.body()).path("detail").asText()).contains("duplicate field 'product'");
        assertThat(wrongType.statusCode()).isEqualTo(422);
        assertThat(wrongType.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode errors = JSON.readTree(wrongType.body()).path("errors");
        assertThat(errors.findValuesAsText("field")).containsExactly("audience");
        assertThat(errors.get(0).path("reason").asText()).isEqualTo("must be a string, got an array");
        assertThat(wrongKind.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(wrongKind.body()).path("errors").findValuesAsText("reason"))
                .as("said once, as a wrong type, not again as missing").containsExactly("must be a string, got an array");
        assertThat(notAnObject.statusCode()).isEqualTo(400);
        assertThat(notAnObject.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));

        // bytes as the ingest reads them: a charset named, a byte not in it said, a byte-order mark taken
        byte[] latin1 = ("{" + fields.replace("ledger", "caf\u00e9") + "}").getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> notUtf8 = postBytes("application/json", latin1);
        assertThat(notUtf8.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notUtf8.body()).path("detail").asText()).startsWith("the body is not valid UTF-8 at byte");
        HttpResponse<String> unknownCharset = postBytes("application/json; charset=foo", ("{" + fields + "}").getBytes(StandardCharsets.UTF_8));
        assertThat(unknownCharset.statusCode()).isEqualTo(415);
        assertThat(JSON.readTree(unknownCharset.body()).path("detail").asText()).contains("(foo)");
        HttpResponse<String> named = postBytes("application/json; charset=ISO-8859-1", latin1);
        assertThat(named.statusCode()).as(named.body()).isEqualTo(201);
        assertThat(JSON.readTree(named.body()).path("product").asText()).isEqualTo("caf\u00e9");
        HttpResponse<String> marked = postBytes("application/json", ("\uFEFF{" + fields + "}").getBytes(StandardCharsets.UTF_8));
        assertThat(marked.statusCode()).as(marked.body()).isEqualTo(201);
        for (HttpResponse<String> made : List.of(named, marked)) {
            String id = JSON.readTree(made.body()).path("subscriptionId").asText();
            java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/v1/subscriptions/" + id))
                    .DELETE().build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        }
    }

    private static HttpResponse<String> postBytes(String contentType, byte[] body) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/v1/subscriptions"))
                .header("Content-Type", contentType).POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldServeTheDashboardPageAndItsAssetsFromTheServiceItself() throws Exception {
        HttpResponse<String> root = HttpCalls.get(base + "/");
        assertThat(root.statusCode()).isEqualTo(303);
        assertThat(root.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).endsWith("/dashboard/"));
        HttpResponse<String> page = HttpCalls.get(base + "/dashboard/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<main").contains("/dashboard/dashboard.js").doesNotContain("https://");
        assertThat(HttpCalls.get(base + "/dashboard/dashboard.js").statusCode()).isEqualTo(200);
        assertThat(HttpCalls.get(base + "/dashboard/dashboard.css").statusCode()).isEqualTo(200);
        assertThat(HttpCalls.get(base + "/v1/releases").body()).startsWith("[");
    }

    @Test
    void shouldServeHealthAndMetrics() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> HttpCalls.get(base + "/health").statusCode() == 200);
        assertThat(HttpCalls.get(base + "/prometheus").body()).contains("kafka_stream");
        HttpResponse<String> openapi = HttpCalls.get(base + "/openapi/ticket-pipeline-reading-1.yml");
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("openapi: 3.").contains("/v1/products/{product}/readings/weekly:")
                .contains("/v1/subscriptions/{id}/deliveries:").contains("/v1/releases/{id}/watch:").contains("/v1/readings/stream:")
                .contains("/v1/releases:").contains("/v1/dashboard/stream:");
        // only health and prometheus: with no security module the others would be open to anyone who reaches the port
        for (String endpoint : List.of("/threaddump", "/beans", "/routes", "/loggers", "/env")) {
            assertThat(HttpCalls.get(base + endpoint).statusCode()).as(endpoint).isEqualTo(404);
        }
    }

    @Test
    void shouldAnswerEveryStoreReadingRouteOffTheEventLoop() {
        // a store scan or a schema fetched from the registry on the event loop would freeze /health and every stream with it
        ThreadSelection selection = context.getBean(HttpServerConfiguration.class).getThreadSelection();
        List<String> onTheEventLoop = context.getBean(Router.class).uriRoutes()
                .filter(route -> route.getDeclaringType().getPackageName().equals(ReadingIT.class.getPackageName()))
                .filter(route -> route.getUriMatchTemplate().toString().startsWith("/v1/"))
                .filter(route -> !route.getProduces().contains(MediaType.TEXT_EVENT_STREAM_TYPE)) // streams only subscribe here
                .filter(route -> route.getExecutor(selection) == null)
                .map(route -> route.getHttpMethodName() + " " + route.getUriMatchTemplate())
                .toList();
        assertThat(context.getBean(Router.class).uriRoutes().count()).isGreaterThan(5);
        assertThat(onTheEventLoop).isEmpty();
    }

    private static void publish(ThemeWindow window) throws Exception {
        ThemeWindows.publish(stack, window);
    }
}
