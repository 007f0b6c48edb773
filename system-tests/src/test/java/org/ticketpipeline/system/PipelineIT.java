package org.ticketpipeline.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ticketpipeline.localstack.KafkaStack;
import org.ticketpipeline.localstack.KafkaStackExtension;
import org.ticketpipeline.localstack.Launcher;
import org.ticketpipeline.localstack.PipelineServices;
import org.ticketpipeline.schemas.topic.ThemeWindowKeys;

/** The whole pipeline as a user runs it: three service JVMs, the real broker and registry, HTTP in and out. */
@ExtendWith(KafkaStackExtension.class)
class PipelineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static PipelineServices services;
    private static KafkaStack kafka;
    private static List<ObjectNode> demoEvents;

    @BeforeAll
    static void start(KafkaStack stack) {
        kafka = stack;
        services = PipelineServices.start(stack, root(), PipelineServices.Ports.free(), Duration.ofSeconds(120),
                // the weekly test's "last week" is the clock's: no wait after Monday 00:00 for the week's last tickets
                Map.of("READING_DELIVERY_INTERVAL", "1s", "READING_RETRY_BACKOFF", "200ms", "READING_WEEKLY_SETTLE", "0s",
                        // a release of 48 simulated hours closes without waiting 5 minutes after the start for later tickets
                        "CLASSIFIER_WATCH_STARTUP_SETTLE", "10s"));
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
    }

    @Test
    void shouldShowAPostedTicketInTheReadingServiceWithinSecondsAndCountAReplayOnce() throws Exception {
        String product = "p-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        String event = """
                {"eventId": "e-%s", "ticketId": "t-%s", "type": "created", "occurredAt": "%s", "sourceHelpdesk": "zendesk",
                 "product": "%s", "customerId": "c-1", "subject": "CSV export times out", "body": "The CSV export times out since the update."}
                """.formatted(product, product, now, product);

        HttpResponse<String> posted = post(services.ingestUrl() + "/v1/ticket-events", event);
        assertThat(posted.statusCode()).isEqualTo(202);
        // the ticket's hour, not the clock's: an hour may turn while the test runs
        String themes = services.readingUrl() + "/v1/products/" + product + "/themes?window=hour&at=" + now;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> get(themes).statusCode() == 200);
        JsonNode answer = JSON.readTree(get(themes).body());
        assertThat(answer.path("current").path("themes").get(0).path("theme").asText()).isEqualTo("csv export times out");
        assertThat(answer.path("current").path("themes").get(0).path("volume").asInt()).isEqualTo(1);

        assertThat(post(services.ingestUrl() + "/v1/ticket-events", event).statusCode()).isEqualTo(202);
        Thread.sleep(3000);
        assertThat(JSON.readTree(get(themes).body()).path("current").path("themes").get(0).path("volume").asInt()).isEqualTo(1);
    }

    /**
     * The demo's events, loaded once for the tests that read them: a second load an hour later would
     * date every event an hour on under the same ids, and the pipeline keeps the first (replays).
     */
    private static synchronized List<ObjectNode> demo() throws Exception {
        if (demoEvents == null) {
            demoEvents = Launcher.loadDemo(services.ingestUrl());
        }
        return demoEvents;
    }

    @Test
    void shouldCountEveryDemoTicketInItsWeekExactlyOnce() throws Exception {
        List<ObjectNode> events = demo();
        Map<String, Map<Instant, Integer>> expected = new HashMap<>();
        for (ObjectNode e : events) {
            if (e.get("type").asText().equals("created")) {
                Instant week = ThemeWindowKeys.Size.WEEK.startOf(Instant.parse(e.get("occurredAt").asText()));
                expected.computeIfAbsent(e.get("product").asText(), p -> new HashMap<>()).merge(week, 1, Integer::sum);
            }
        }
        for (var product : expected.entrySet()) {
            for (var week : product.getValue().entrySet()) {
                String url = services.readingUrl() + "/v1/products/" + product.getKey() + "/themes?window=week&at=" + week.getKey();
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    HttpResponse<String> r = get(url);
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(JSON.readTree(r.body()).path("current").path("volume").asInt())
                            .as("%s week of %s", product.getKey(), week.getKey()).isEqualTo(week.getValue());
                });
            }
        }
    }

    @Test
    void shouldShowTheDemoReleaseWatchWithAConfirmedAQuietAndASurpriseTheme() throws Exception {
        demo();
        JsonNode watch = finalWatch("ledger-4.3.0");

        assertThat(watch.path("confirmed").findValuesAsText("theme")).contains("csv export times out");
        assertThat(watch.path("quiet").findValuesAsText("theme")).containsExactly("pdf invoice layout");
        assertThat(watch.path("surprise").size()).isGreaterThanOrEqualTo(1);
        assertThat(watch.path("surprise").findValuesAsText("theme")).doesNotContain("login loop after update", "dark mode request");

        // the dashboard's list: the demo's second release is still watched, so it comes first
        String roster = services.readingUrl() + "/v1/releases/roster-2.9.0/watch";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonNode live = JSON.readTree(get(roster).body());
            assertThat(live.path("closed").asBoolean()).isFalse();
            assertThat(live.path("confirmed").findValuesAsText("theme")).contains("sync delays between devices");
            assertThat(live.path("surprise").size()).isGreaterThanOrEqualTo(1);
        });
        JsonNode releases = JSON.readTree(get(services.readingUrl() + "/v1/releases").body());
        assertThat(releases.findValuesAsText("releaseId")).containsSubsequence("roster-2.9.0", "ledger-4.3.0");
    }

    @Test
    void shouldReadTheFinalVerdictOfAReleaseAfterFortyEightSimulatedHours() throws Exception {
        String product = "w-" + UUID.randomUUID().toString().substring(0, 8);
        Instant released = Instant.now().minus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        StringBuilder batch = new StringBuilder("[");
        int n = 0;
        for (int day = 1; day <= 7; day++) {
            n = ticket(batch, n, product, released.minus(Duration.ofDays(day)), "Login loop", "I am sent back to the login page in a loop.");
            n = ticket(batch, n, product, released.minus(Duration.ofDays(day)).plusSeconds(7200), "Login loop", "Login loop again.");
        }
        for (int h = 0; h < 48; h += 12) {
            n = ticket(batch, n, product, released.plus(Duration.ofHours(h + 1)), "CSV export times out", "The CSV export times out since the update.");
        }
        for (int h = 0; h < 48; h += 16) {
            n = ticket(batch, n, product, released.plus(Duration.ofHours(h + 2)), "Card declined", "Payment declined at checkout with an error.");
        }
        n = ticket(batch, n, product, released.plus(Duration.ofHours(30)), "Login loop", "Login loop after the update.");
        assertThat(post(services.ingestUrl() + "/v1/ticket-events", batch.append("]").toString()).statusCode()).isEqualTo(202);
        String themes = services.readingUrl() + "/v1/products/" + product + "/themes?window=week&at=" + released;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> get(themes).statusCode() == 200);

        // a release id with semver's build mark: "+" in a path is a plus, written as is or as %2B
        String releaseId = product + "-1.1+build.7";
        String release = SignedRelease.json(releaseId, product, "1.1", released);
        assertThat(post(services.ingestUrl() + "/v1/releases", release).statusCode()).isEqualTo(202);

        JsonNode watch = finalWatch(releaseId);
        assertThat(watch.path("tickets").asInt()).isEqualTo(4 + 3 + 1);
        assertThat(watch.path("confirmed").findValuesAsText("theme")).containsExactly("csv export times out");
        assertThat(watch.path("confirmed").get(0).path("observed").asInt()).isEqualTo(4);
        assertThat(watch.path("confirmed").get(0).path("quotes").toString()).contains("The CSV export times out since the update.");
        assertThat(watch.path("quiet").findValuesAsText("theme")).containsExactly("invoice totals wrong");
        assertThat(watch.path("surprise").findValuesAsText("theme")).containsExactly("payment declined");
        assertThat(watch.path("verdict").asText()).startsWith("final, confirmed: csv export times out");
        assertThat(get(services.readingUrl() + "/v1/releases/nope/watch").statusCode()).isEqualTo(404);
        String reading = get(services.readingUrl() + "/v1/releases/" + product + "-1.1%2Bbuild.7/reading?format=text").body();
        assertThat(reading).contains("First 48 hours, final").contains("Surprised: payment declined")
                .contains("\"Payment declined at checkout with an error.\" A customer wrote this");
        String exec = get(services.readingUrl() + "/v1/releases/" + releaseId + "/reading?format=text&audience=exec").body();
        assertThat(exec).startsWith("Impact: 8 tickets in the first 48 hours of " + product + " 1.1; 1 theme nobody predicted.\n")
                .contains("Decision: payment declined (3 tickets) was not in the brief");
        assertThat(get(services.readingUrl() + "/v1/releases/" + releaseId + "/reading?audience=board").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldKeepACorrectionAsLabelledDataTheEvaluationCommandReads(@TempDir Path exported) throws Exception {
        // a "+" in the product, so in the ticket's id: each path that names them reads it as a plus
        String product = "c+" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder batch = new StringBuilder("[");
        // longer than a quote (280 characters): the export has the whole body, as the stream sorted it
        String body = "The CSV export times out when I pick a year. I tried it on Monday and again on Tuesday and the spinner never stops."
                + " My colleague tried it on her laptop and saw the same thing happen. The export of a single month works fine but the"
                + " yearly one never finishes and the page shows a timeout error after two minutes of waiting.";
        Instant at = Instant.now().minusSeconds(60);
        ticket(batch, 0, product, at, "Export question", body);
        // the ticket's hour, not the clock's: an hour may turn while the test runs
        String hour = services.readingUrl() + "/v1/products/" + product + "/themes?window=hour&at=" + at;
        assertThat(post(services.ingestUrl() + "/v1/ticket-events", batch.append("]").toString()).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> get(hour).statusCode() == 200);

        assertThat(JSON.readTree(get(hour).body())
                .path("current").path("themes").get(0).path("kindMix").has("BRIEF_INPUT")).as("sorted as something else first").isFalse();
        // written %2B, as a client that encodes a path's parts does; the reads below take it as written
        HttpResponse<String> corrected = post(services.ingestUrl() + "/v1/tickets/" + product.replace("+", "%2B") + "-t0/corrections",
                "{\"product\": \"" + product + "\", \"kind\": \"brief-input\", \"by\": \"Ana\"}");
        assertThat(corrected.statusCode()).isEqualTo(202);
        // the counts follow: the reading service's hour window now has the ticket as brief input, not as a bug
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
            var themes = JSON.readTree(get(hour).body())
                    .path("current").path("themes");
            return themes.size() == 1 && themes.get(0).path("kindMix").path("BRIEF_INPUT").asLong() == 1
                    && !themes.get(0).path("kindMix").has("BUG") && themes.get(0).path("volume").asLong() == 1;
        });
        // and the ticket itself says it was corrected, with the reasons a person pushed back on
        JsonNode sorting = JSON.readTree(get(services.classifierUrl() + "/v1/tickets/" + product + "-t0").body());
        assertThat(sorting.path("kind").asText()).isEqualTo("brief-input");
        assertThat(sorting.path("corrected").asBoolean()).isTrue();
        assertThat(sorting.path("product").asText()).isEqualTo(product);
        assertThat(sorting.path("reasons").toString()).contains("Ana");
        HttpResponse<String> none = get(services.classifierUrl() + "/v1/tickets/" + product + "-none");
        HttpResponse<String> wrongMethod = post(services.classifierUrl() + "/v1/tickets/" + product + "-t0", "{}");
        HttpResponse<String> noPath = get(services.classifierUrl() + "/v1/nothing-here");
        for (HttpResponse<String> error : List.of(none, wrongMethod, noPath)) {
            assertThat(error.headers().firstValue("Content-Type")).as(error.uri().toString()).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("application/problem+json"));
        }
        assertThat(none.statusCode()).isEqualTo(404);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(noPath.body()).path("status").asInt()).isEqualTo(404);

        Path out = exported.resolve("corrections.csv");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String printed = evaluate("export-corrections", out.toString(), "--bootstrap", kafka.bootstrapServers(), "--registry", kafka.registryUrl());
            return printed.contains("corrected tickets") && Files.readString(out).contains("brief-input");
        });
        assertThat(Files.readString(out)).startsWith("title,body,label,voice,product,level,theme\r\n")
                .contains("Export question," + body + ",brief-input,customer," + product + ",,\r\n");
        assertThat(evaluate("sort", out.toString()).strip()).containsPattern("macro-F1 [01]\\.\\d{4}$");
    }

    /** Runs the evaluation command as shipped: the classifier's jar and its libraries. */
    private static String evaluate(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dlogback.configurationFile=logback-quiet.xml", "-cp", root().resolve("classifier-streams/target/classifier-streams.jar").toString(),
                "org.ticketpipeline.classifier.eval.Evaluate"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
        String stdout = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return stdout;
    }

    @Test
    void shouldPushTheWeeklyReadingOfPostedTicketsToASignedWebhookOnceAlsoAfterARestart() throws Exception {
        List<String[]> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer receiver = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new String[] {new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("X-Timestamp"), exchange.getRequestHeaders().getFirst("X-Signature")});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String product = "s-" + UUID.randomUUID().toString().substring(0, 8);
            Instant lastWeek = ThemeWindowKeys.Size.WEEK.startOf(Instant.now()).minus(Duration.ofDays(7));
            StringBuilder batch = new StringBuilder("[");
            int n = 0;
            for (int i = 0; i < 3; i++) {
                n = ticket(batch, n, product, lastWeek.plus(Duration.ofHours(30 + i)), "CSV export times out", "The CSV export times out again.");
            }
            assertThat(post(services.ingestUrl() + "/v1/ticket-events", batch.append("]").toString()).statusCode()).isEqualTo(202);
            String themes = services.readingUrl() + "/v1/products/" + product + "/themes?window=week&at=" + lastWeek;
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> get(themes).statusCode() == 200
                    && JSON.readTree(get(themes).body()).path("current").path("volume").asInt() == 3);

            HttpResponse<String> created = post(services.readingUrl() + "/v1/subscriptions", "{\"kind\": \"weekly\", \"product\": \"" + product
                    + "\", \"webhookUrl\": \"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            String secret = JSON.readTree(created.body()).path("secret").asText();
            await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == 1);
            String[] delivery = received.get(0);
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal((delivery[1] + "." + delivery[0])
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            assertThat(delivery[2]).as("signature").isEqualTo(expected);
            assertThat(JSON.readTree(delivery[0]).path("lines").get(1).asText()).isEqualTo("Top theme: csv export times out, new, mostly bug (3 tickets).");

            services.restartReading(Duration.ofSeconds(120));
            Thread.sleep(5000);
            assertThat(received).as("the same week is not delivered again after a restart").hasSize(1);
        } finally {
            receiver.stop(0);
        }
    }

    private static JsonNode finalWatch(String releaseId) throws Exception {
        String url = services.readingUrl() + "/v1/releases/" + releaseId + "/watch";
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<String> r = get(url);
            return r.statusCode() == 200 && JSON.readTree(r.body()).path("closed").asBoolean();
        });
        return JSON.readTree(get(url).body());
    }

    private static int ticket(StringBuilder batch, int n, String product, Instant at, String subject, String body) {
        batch.append(n == 0 ? "" : ",").append("""
                {"eventId": "%s-e%d", "ticketId": "%s-t%d", "type": "created", "occurredAt": "%s", "sourceHelpdesk": "zendesk",
                 "product": "%s", "customerId": "c-%d", "subject": "%s", "body": "%s"}""".formatted(product, n, product, n, at, product, n, subject, body));
        return n + 1;
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static Path root() {
        String configured = System.getProperty("project.root");
        if (configured != null && Files.exists(Paths.get(configured, "pom.xml"))) {
            return Paths.get(configured);
        }
        return Paths.get("").toAbsolutePath().getParent();
    }
}
