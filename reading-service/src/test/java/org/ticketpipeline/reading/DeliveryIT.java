package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ticketpipeline.localstack.FreePorts;
import org.ticketpipeline.localstack.HttpCalls;
import org.ticketpipeline.localstack.KafkaStack;
import org.ticketpipeline.localstack.KafkaStackExtension;
import org.ticketpipeline.schemas.Movement;
import org.ticketpipeline.schemas.ThemeWindow;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.serde.AvroSerializer;
import org.ticketpipeline.schemas.topic.ThemeWindowKeys;

/**
 * Weekly and release readings pushed to a real local webhook receiver, signed, once per period, also
 * across a restart; each reading on the readings stream once, however many subscribers share it.
 */
@ExtendWith(KafkaStackExtension.class)
class DeliveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaStack stack;
    private static HttpServer receiver;
    /** A receiver whose hook is gone: it answers 410 to every call. */
    private static LocalReceiver gone;
    @TempDir
    static Path stateDir;
    private static final List<Received> received = new CopyOnWriteArrayList<>();

    record Received(String body, String timestamp, String signature, String idempotencyKey, String signatureV2) {
    }

    @BeforeAll
    static void start(KafkaStack kafkaStack) throws Exception {
        stack = kafkaStack;
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(body, exchange.getRequestHeaders().getFirst("X-Timestamp"),
                    exchange.getRequestHeaders().getFirst("X-Signature"), exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                    exchange.getRequestHeaders().getFirst("X-Signature-V2")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        gone = LocalReceiver.answering(410, null);
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
        gone.close();
    }

    private static ApplicationContext readingService(String applicationId) throws Exception {
        return ApplicationContext.run(Map.of(
                "micronaut.server.port", -1,
                "kafka.bootstrap-servers", stack.bootstrapServers(),
                "kafka.schema-registry-url", stack.registryUrl(),
                "reading.application-id", applicationId,
                "reading.state-dir", stateDir.resolve(applicationId).toString(),
                "reading.delivery-interval", "1s",
                "reading.retry-backoff", "100ms",
                "reading.delivery-attempts", "3",
                "reading.webhook-timeout", "2s",
                // the test's "last week" is the clock's: no wait after Monday 00:00 for the week's last tickets
                "reading.weekly-settle", "0s"));
    }

    @Test
    void shouldPushTheWeeklyReadingSignedOncePerWeekAcrossARestartAndKeepWhatCannotBeDelivered() throws Exception {
        String product = "deliv-" + UUID.randomUUID().toString().substring(0, 6);
        Instant lastWeek = ThemeWindowKeys.Size.WEEK.startOf(Instant.now()).minus(ThemeWindowKeys.WEEK);
        publish(ThemeWindow.newBuilder(ThemeWindows.hour(product, "csv export times out", lastWeek, 9, 2, Movement.RISING)).setWindow("week").build());
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";

        String subscriptionId;
        String secret;
        String deadId;
        String releaseSubscription;
        String releaseFinal;
        try (ApplicationContext first = readingService("delivery-it-" + UUID.randomUUID())) {
            String base = "http://127.0.0.1:" + first.getBean(EmbeddedServer.class).start().getPort();
            await().atMost(Duration.ofSeconds(30)).until(() -> HttpCalls.get(base + "/v1/subscriptions").statusCode() == 200);

            List<String> events = follow(base + "/v1/readings/stream");

            HttpResponse<String> refused = HttpCalls.postJson(base + "/v1/subscriptions",
                    "{\"kind\": \"monthly\", \"product\": \"" + product + "\", \"webhookUrl\": \"ftp://x\"}");
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(JSON.readTree(refused.body()).path("errors").findValuesAsText("field")).containsExactly("kind", "webhookUrl");
            HttpResponse<String> noTheme = HttpCalls.postJson(base + "/v1/subscriptions",
                    "{\"kind\": \"theme\", \"product\": \"" + product + "\", \"webhookUrl\": \"" + hook + "\"}");
            assertThat(JSON.readTree(noTheme.body()).path("errors").findValuesAsText("field")).containsExactly("theme");

            HttpResponse<String> created = HttpCalls.postJson(base + "/v1/subscriptions",
                    "{\"kind\": \"weekly\", \"product\": \"" + product + "\", \"webhookUrl\": \"" + hook + "\"}");
            assertThat(created.statusCode()).isEqualTo(201);
            JsonNode subscription = JSON.readTree(created.body());
            subscriptionId = subscription.path("subscriptionId").asText();
            secret = subscription.path("secret").asText();
            assertThat(secret).hasSizeGreaterThanOrEqualTo(16);

            HttpResponse<String> dead = HttpCalls.postJson(base + "/v1/subscriptions",
                    "{\"kind\": \"weekly\", \"product\": \"" + product + "\", \"webhookUrl\": \"" + gone.url("/gone") + "\"}");
            deadId = JSON.readTree(dead.body()).path("subscriptionId").asText();
            // a receiver away for a deploy: every attempt of the first round fails, a later round delivers
            int downPort = FreePorts.next();
            HttpResponse<String> down = HttpCalls.postJson(base + "/v1/subscriptions",
                    "{\"kind\": \"weekly\", \"product\": \"" + product + "\", \"webhookUrl\": \"http://127.0.0.1:" + downPort + "/back\"}");
            String downId = JSON.readTree(down.body()).path("subscriptionId").asText();
            assertThat(JSON.readTree(down.body()).has("note")).as("a product with tickets counted").isFalse();
            // subscribed to before its first ticket, which came this week: last week, and the one before, had none
            String fresh = "fresh-" + product;
            publish(ThemeWindows.hour(fresh, "csv export times out", ThemeWindowKeys.Size.HOUR.startOf(Instant.now()), 1, 0, Movement.NEW));
            String freshId = JSON.readTree(HttpCalls.postJson(base + "/v1/subscriptions",
                    "{\"kind\": \"weekly\", \"product\": \"" + fresh + "\", \"webhookUrl\": \"" + hook + "\"}").body()).path("subscriptionId").asText();
            // a theme is matched as the product names it, whatever the case; a name typed differently would never rise
            HttpResponse<String> knownTheme = HttpCalls.postJson(base + "/v1/subscriptions", "{\"kind\": \"theme\", \"product\": \""
                    + product + "\", \"theme\": \"CSV Export Times Out\", \"webhookUrl\": \"" + hook + "\"}");
            HttpResponse<String> typo = HttpCalls.postJson(base + "/v1/subscriptions", "{\"kind\": \"theme\", \"product\": \""
                    + product + "\", \"theme\": \"csv export timeout\", \"webhookUrl\": \"" + hook + "\"}");
            assertThat(knownTheme.statusCode()).isEqualTo(201);
            assertThat(JSON.readTree(knownTheme.body()).has("note")).as("a theme of the product's windows").isFalse();
            assertThat(typo.statusCode()).as("kept: a taxonomy theme may have no ticket yet").isEqualTo(201);
            assertThat(JSON.readTree(typo.body()).path("note").asText())
                    .isEqualTo("no ticket of " + product + " was themed 'csv export timeout' in the last 13 weeks (a theme is matched as the product"
                            + " names it, whatever the case): its readings start when one is");
            for (HttpResponse<String> made : List.of(knownTheme, typo)) {
                assertThat(delete(base + "/v1/subscriptions/" + JSON.readTree(made.body()).path("subscriptionId").asText())).isEqualTo(204);
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> forSubscription(subscriptionId).size() == 1);
            Received delivery = forSubscription(subscriptionId).get(0);
            assertThat(delivery.signature()).isEqualTo(WebhookSigner.sign(secret, Long.parseLong(delivery.timestamp()), delivery.body()));
            assertThat(delivery.signatureV2()).isEqualTo(WebhookSigner.signWithKey(secret, Long.parseLong(delivery.timestamp()),
                    delivery.idempotencyKey(), delivery.body()));
            assertThat(delivery.signatureV2()).as("another key, another signature").isNotEqualTo(WebhookSigner.signWithKey(secret,
                    Long.parseLong(delivery.timestamp()), delivery.idempotencyKey() + "x", delivery.body()));
            JsonNode reading = JSON.readTree(delivery.body());
            assertThat(reading.path("lines").size()).isEqualTo(5);
            assertThat(reading.path("lines").get(1).asText()).startsWith("Top theme: csv export times out");
            assertThat(delivery.idempotencyKey()).isEqualTo(subscriptionId + "|" + lastWeek.toString().substring(0, 10));
            await("the reading reaches a live SSE client").atMost(Duration.ofSeconds(10))
                    .until(() -> events.stream().anyMatch(l -> l.startsWith("data:") && l.contains("\"product\":\"" + product + "\"")));
            assertThat(events).contains("event: weekly");

            String releaseId = product + "-4.3.0";
            Instant released = publishWatch(releaseId, product);
            releaseFinal = "|final@" + released;
            HttpResponse<String> release = HttpCalls.postJson(base + "/v1/subscriptions", "{\"kind\": \"release\", \"product\": \""
                    + product + "\", \"releaseId\": \"" + releaseId + "\", \"webhookUrl\": \"" + hook + "\", \"payload\": \"chat\"}");
            assertThat(release.statusCode()).isEqualTo(201);
            releaseSubscription = JSON.readTree(release.body()).path("subscriptionId").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> forSubscription(releaseSubscription).size() == 1);
            assertThat(forSubscription(releaseSubscription)).as("closed before its 24h reading went out: the final one only")
                    .extracting(Received::idempotencyKey).containsExactly(releaseSubscription + releaseFinal);
            assertThat(JSON.readTree(forSubscription(releaseSubscription).get(0).body()).path("text").asText())
                    .contains("**Release reading: " + product + " 4.3.0**").contains("Predicted: csv export times out (medium).");

            Instant hour = ThemeWindowKeys.Size.HOUR.startOf(Instant.now());
            publish(ThemeWindows.hour(product, "login loop after update", hour.minus(Duration.ofHours(3)), 2, 0, Movement.NEW));
            publish(ThemeWindows.hour(product, "login loop after update", hour, 6, 1, Movement.RISING));
            // the hour the team adopted the theme under its own spelling: its first ticket was counted under the emerging name
            publish(ThemeWindows.hour(product, "Login loop after update", hour, 1, 0, Movement.NEW));
            HttpResponse<String> spike = HttpCalls.postJson(base + "/v1/subscriptions", "{\"kind\": \"theme\", \"product\": \""
                    + product + "\", \"theme\": \"login loop after update\", \"webhookUrl\": \"" + hook + "\"}");
            assertThat(spike.statusCode()).isEqualTo(201);
            HttpResponse<String> execSpike = HttpCalls.postJson(base + "/v1/subscriptions", "{\"kind\": \"theme\", \"product\": \""
                    + product + "\", \"theme\": \"login loop after update\", \"audience\": \"exec\", \"webhookUrl\": \"" + hook + "\"}");
            assertThat(execSpike.statusCode()).isEqualTo(201);
            String spikeSubscription = JSON.readTree(spike.body()).path("subscriptionId").asText();
            await().atMost(Duration.ofSeconds(30)).until(() -> forSubscription(spikeSubscription).size() == 1);
            String spikeId = product + "|spike|login loop after update|" + hour;
            await("the same spike on the stream for each audience that follows it").atMost(Duration.ofSeconds(30))
                    .until(() -> events.stream().anyMatch(l -> l.startsWith("data:") && l.contains("\"readingId\":\"" + spikeId + "|trio\""))
                            && events.stream().anyMatch(l -> l.startsWith("data:") && l.contains("\"readingId\":\"" + spikeId + "|exec\"")));
            assertThat(forSubscription(spikeSubscription).get(0).idempotencyKey()).isEqualTo(spikeSubscription + "|" + hour);
            assertThat(JSON.readTree(forSubscription(spikeSubscription).get(0).body()).path("lines").get(0).asText())
                    .startsWith("login loop after update is rising in " + product + " in the hour from " + hour.toString().substring(11, 16)
                            + " UTC (6 tickets, 1 the hour before; 2 in the 24 hours before)");

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                JsonNode deliveries = JSON.readTree(HttpCalls.get(base + "/v1/subscriptions/" + deadId + "/deliveries").body());
                return deliveries.size() == 1 && deliveries.get(0).path("status").asText().equals("dead");
            });
            JsonNode deadLetter = JSON.readTree(HttpCalls.get(base + "/v1/subscriptions/" + deadId + "/deliveries").body()).get(0);
            assertThat(deadLetter.path("attempts").asInt()).as("a 410 will not change: no second attempt").isEqualTo(1);
            assertThat(deadLetter.path("lastError").asText()).isEqualTo("receiver answered 410");

            await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(HttpCalls.get(base + "/v1/subscriptions/" + downId + "/deliveries").body())
                    .path(0).path("status").asText().equals("retrying"));
            JsonNode failing = JSON.readTree(HttpCalls.get(base + "/v1/subscriptions/" + downId + "/deliveries").body()).get(0);
            assertThat(failing.path("attempts").asInt()).isGreaterThanOrEqualTo(3);
            assertThat(failing.path("nextAttemptAt").asText()).isNotBlank();
            HttpServer back = HttpServer.create(new InetSocketAddress("127.0.0.1", downPort), 0);
            back.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            });
            back.start();
            try {
                await("a later round delivers to the receiver once it is back").atMost(Duration.ofSeconds(30))
                        .until(() -> JSON.readTree(HttpCalls.get(base + "/v1/subscriptions/" + downId + "/deliveries").body())
                                .path(0).path("status").asText().equals("delivered"));
                JsonNode delivered = JSON.readTree(HttpCalls.get(base + "/v1/subscriptions/" + downId + "/deliveries").body()).get(0);
                assertThat(delivered.path("attempts").asInt()).as("the attempts of every round").isGreaterThanOrEqualTo(4);
                assertThat(delivered.has("nextAttemptAt")).isFalse();
                assertThat(events.stream().filter(l -> l.startsWith("data:") && l.contains(product + "|weekly|")))
                        .as("the week's reading published once, not again with each round that called the receiver again").hasSize(1);
                await().atMost(Duration.ofSeconds(10)).until(() -> HttpCalls.get(base + "/v1/products/" + fresh + "/themes").statusCode() == 200);
                Thread.sleep(3000); // three rounds since the product's first ticket was counted
                assertThat(forSubscription(freshId)).as("no \"no tickets this week, nor the week before\" for a product whose tickets began since")
                        .isEmpty();
                assertThat(HttpCalls.get(base + "/v1/subscriptions/" + freshId + "/deliveries").body()).isEqualTo("[]");
            } finally {
                back.stop(0);
            }

            // a subscription made by mistake and deleted at once is gone, and the next GET says so
            HttpResponse<String> mistake = HttpCalls.postJson(base + "/v1/subscriptions",
                    "{\"kind\": \"weekly\", \"product\": \"Ledger-" + product + "\", \"webhookUrl\": \"" + hook + "\"}");
            String mistakeId = JSON.readTree(mistake.body()).path("subscriptionId").asText();
            assertThat(JSON.readTree(mistake.body()).path("note").asText()).as("a product no ticket was counted for")
                    .startsWith("no ticket of product 'Ledger-" + product + "' has been counted yet");
            assertThat(HttpCalls.get(base + "/v1/subscriptions/" + mistakeId).statusCode()).as("seen as soon as created").isEqualTo(200);
            assertThat(delete(base + "/v1/subscriptions/" + mistakeId)).isEqualTo(204);
            assertThat(HttpCalls.get(base + "/v1/subscriptions/" + mistakeId).statusCode()).as("gone as soon as deleted").isEqualTo(404);
        }

        try (ApplicationContext restarted = readingService("delivery-it-" + UUID.randomUUID())) {
            String base = "http://127.0.0.1:" + restarted.getBean(EmbeddedServer.class).start().getPort();
            await().atMost(Duration.ofSeconds(30)).until(() -> HttpCalls.get(base + "/v1/subscriptions/" + subscriptionId).statusCode() == 200);
            Thread.sleep(4000);

            assertThat(forSubscription(subscriptionId)).as("no second delivery of the same week after a restart").hasSize(1);
            assertThat(forSubscription(releaseSubscription)).as("no 24h reading of a closed watch, also after a restart")
                    .extracting(Received::idempotencyKey).containsExactly(releaseSubscription + releaseFinal);
            assertThat(HttpCalls.get(base + "/v1/subscriptions/" + subscriptionId + "/deliveries").body()).contains("\"status\":\"delivered\"");

            HttpResponse<String> deleted = HttpCalls.postJson(base + "/v1/subscriptions", "{}");
            assertThat(deleted.statusCode()).isEqualTo(422);
            assertThat(delete(base + "/v1/subscriptions/" + deadId)).isEqualTo(204);
            await().atMost(Duration.ofSeconds(10)).until(() -> HttpCalls.get(base + "/v1/subscriptions/" + deadId).statusCode() == 404);
            // its deliveries go with it: compacted away, not read again at every start
            var deadDeliveries = org.ticketpipeline.localstack.TopicRecords.read(stack.bootstrapServers(), "deliveries",
                            rs -> rs.stream().anyMatch(r -> new String(r.key(), java.nio.charset.StandardCharsets.UTF_8).startsWith(deadId + "|")
                                    && r.value() == null), Duration.ofSeconds(20), Duration.ZERO)
                    .stream().filter(r -> new String(r.key(), java.nio.charset.StandardCharsets.UTF_8).startsWith(deadId + "|")).toList();
            assertThat(deadDeliveries).isNotEmpty();
            assertThat(deadDeliveries.get(deadDeliveries.size() - 1).value()).as("the last record of its delivery is a tombstone").isNull();
            // delivery records age out past the year a release's watch is kept: every start reads them all
            try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
                var topic = new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "deliveries");
                var config = admin.describeConfigs(List.of(topic)).all().get(30, java.util.concurrent.TimeUnit.SECONDS).get(topic);
                assertThat(config.get("cleanup.policy").value()).isEqualTo("compact,delete");
                assertThat(config.get("retention.ms").value()).isEqualTo(String.valueOf(Duration.ofDays(400).toMillis()));
                // the readings feed too, where the broker's default would have dropped a reading after a week
                var readings = new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "readings");
                var readingsConfig = admin.describeConfigs(List.of(readings)).all().get(30, java.util.concurrent.TimeUnit.SECONDS).get(readings);
                assertThat(readingsConfig.get("retention.ms").value()).isEqualTo(String.valueOf(Duration.ofDays(400).toMillis()));
                assertThat(readingsConfig.get("cleanup.policy").value()).isEqualTo("delete");
            }

            // a delivery record left without its subscription (a crash between the call and its take-back) is removed
            // by a later round: found at a sweep (every 10 rounds), taken if still so a round later
            String orphan = "deleted-" + UUID.randomUUID() + "|" + lastWeek.toString().substring(0, 10);
            send("deliveries", orphan, org.ticketpipeline.schemas.Delivery.newBuilder().setDeliveryId(orphan)
                    .setSubscriptionId(orphan.substring(0, orphan.indexOf('|'))).setPeriod(lastWeek.toString().substring(0, 10))
                    .setStatus("delivered").setAttempts(1).setBody("{}").setAt(Instant.now()).build());
            var orphanRecords = org.ticketpipeline.localstack.TopicRecords.read(stack.bootstrapServers(), "deliveries",
                            rs -> rs.stream().anyMatch(r -> new String(r.key(), StandardCharsets.UTF_8).equals(orphan) && r.value() == null),
                            Duration.ofSeconds(40), Duration.ZERO)
                    .stream().filter(r -> new String(r.key(), StandardCharsets.UTF_8).equals(orphan)).toList();
            assertThat(orphanRecords).hasSizeGreaterThanOrEqualTo(2);
            assertThat(orphanRecords.get(orphanRecords.size() - 1).value()).as("the left-behind delivery is tombstoned").isNull();
        }
    }

    @Test
    void shouldSendAQuietReleases24hReadingAt24HoursAndPublishItOnceForAllItsSubscribers() throws Exception {
        String product = "quiet-" + UUID.randomUUID().toString().substring(0, 6);
        String releaseId = product + "-2.9.0";
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        try (ApplicationContext service = readingService("delivery-it-" + UUID.randomUUID())) {
            String base = "http://127.0.0.1:" + service.getBean(EmbeddedServer.class).start().getPort();
            await().atMost(Duration.ofSeconds(30)).until(() -> HttpCalls.get(base + "/v1/subscriptions").statusCode() == 200);
            List<String> events = follow(base + "/v1/readings/stream");

            // both subscribers in place before the watch is known, so that the round that finds the reading due
            // finds it for both, and the mark's seconds are not spent setting up on a slow machine
            List<String> subscriptions = new ArrayList<>();
            for (String audience : List.of("trio", "exec", "trio")) {
                HttpResponse<String> created = HttpCalls.postJson(base + "/v1/subscriptions", "{\"kind\": \"release\", \"product\": \""
                        + product + "\", \"releaseId\": \"" + releaseId + "\", \"audience\": \"" + audience + "\", \"webhookUrl\": \"" + hook + "\"}");
                assertThat(created.statusCode()).isEqualTo(201);
                subscriptions.add(JSON.readTree(created.body()).path("subscriptionId").asText());
            }
            for (String id : subscriptions) {
                await().atMost(Duration.ofSeconds(10)).until(() -> HttpCalls.get(base + "/v1/subscriptions/" + id).statusCode() == 200);
            }
            // the 24h mark some seconds ahead, and the last snapshot at hour 1: no ticket came since, so no other snapshot will
            Instant released = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minus(WeeklyDelivery.FIRST_RELEASE_READING)
                    .plus(Duration.ofSeconds(30));
            Instant mark = released.plus(WeeklyDelivery.FIRST_RELEASE_READING);
            publishWatch(releaseId, product, released, false, 1.0);
            await().atMost(Duration.ofSeconds(10)).until(() -> HttpCalls.get(base + "/v1/releases/" + releaseId + "/watch").statusCode() == 200);
            assertThat(Instant.now()).as("set up before the 24h mark; a slow machine needs a later mark").isBefore(mark);
            assertThat(subscriptions).allSatisfy(id -> assertThat(forSubscription(id)).as("nothing before the 24h mark").isEmpty());

            await().atMost(Duration.ofSeconds(60)).until(() -> subscriptions.stream().allMatch(id -> forSubscription(id).size() == 1));
            for (String id : subscriptions) {
                assertThat(forSubscription(id)).extracting(Received::idempotencyKey).containsExactly(id + "|24h@" + released);
                assertThat(JSON.readTree(forSubscription(id).get(0).body()).path("releaseId").asText()).isEqualTo(releaseId);
            }
            assertThat(forSubscription(subscriptions.get(0)).get(0).body()).as("its findings have held 24 hours, not the snapshot's one")
                    .contains("First 24 hours so far of " + product + " 2.9.0.");
            JsonNode exec = JSON.readTree(forSubscription(subscriptions.get(1)).get(0).body());
            assertThat(exec.path("audience").asText()).as("each subscriber's own audience").isEqualTo("exec");
            assertThat(exec.path("lines").get(0).asText()).startsWith("Impact: 3 tickets in the first 24 hours so far of " + product + " 2.9.0;");
            String readingData = "\"readingId\":\"" + releaseId + "|release|24h@" + released + "|trio\"";
            await("the reading reaches a live SSE client").atMost(Duration.ofSeconds(10))
                    .until(() -> events.stream().anyMatch(l -> l.startsWith("data:") && l.contains(readingData)));
            Thread.sleep(3000);
            assertThat(events.stream().filter(l -> l.startsWith("data:") && l.contains(readingData)))
                    .as("the trio's reading once on the stream, not once per trio subscriber").hasSize(1);
        }
    }

    /** The lines of a live server-sent event stream, once it has said it is connected. */
    private static List<String> follow(String url) {
        List<String> lines = new CopyOnWriteArrayList<>();
        java.net.http.HttpClient.newHttpClient().sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Accept", "text/event-stream").build(), java.net.http.HttpResponse.BodyHandlers.ofLines())
                .thenAccept(r -> r.body().forEach(lines::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.contains("connected")));
        return lines;
    }

    private static List<Received> forSubscription(String subscriptionId) {
        return received.stream().filter(r -> r.idempotencyKey() != null && r.idempotencyKey().startsWith(subscriptionId)).toList();
    }

    private static int delete(String url) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).DELETE().build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** A watch closed a day ago; answers its release's time, to the second, as the snapshot carries it. */
    private static Instant publishWatch(String releaseId, String product) throws Exception {
        Instant released = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).minus(Duration.ofDays(3));
        publishWatch(releaseId, product, released, true, 72);
        return released;
    }

    /** A snapshot of the watch as the classifier makes it {@code hoursSinceRelease} after the release. */
    private static void publishWatch(String releaseId, String product, Instant released, boolean closed, double hoursSinceRelease) throws Exception {
        org.ticketpipeline.schemas.ReleaseWatch watch = org.ticketpipeline.schemas.ReleaseWatch.newBuilder()
                .setReleaseId(releaseId).setProduct(product).setVersion(releaseId.substring(product.length() + 1)).setReleasedAt(released)
                .setWatchEndsAt(released.plus(Duration.ofHours(48))).setClosed(closed).setTicketCount(3).setHoursSinceRelease(hoursSinceRelease)
                .setUpdatedAt(released.plus(Duration.ofMinutes(Math.round(hoursSinceRelease * 60)))).setVerdict(closed ? "final" : "")
                .setThemes(List.of(org.ticketpipeline.schemas.WatchedTheme.newBuilder().setTheme("csv export times out")
                        .setVerdict(org.ticketpipeline.schemas.WatchVerdict.CONFIRMED)
                        .setPredictedStrength(org.ticketpipeline.schemas.Strength.MEDIUM).setObserved(3)
                        .setQuotes(List.of("The export times out.")).build()))
                .build();
        send("release-watch", releaseId, watch);
    }

    private static void send(String topic, String key, SpecificRecord value) throws Exception {
        try (var producer = new KafkaProducer<String, SpecificRecord>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new AvroSerializer<>(new SchemaRegistryClient(stack.registryUrl()), false))) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static void publish(ThemeWindow window) throws Exception {
        ThemeWindows.publish(stack, window);
    }
}
