package org.ticketpipeline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ticketpipeline.localstack.HttpCalls;
import org.ticketpipeline.localstack.FreePorts;
import org.ticketpipeline.localstack.KafkaStack;
import org.ticketpipeline.localstack.KafkaStackExtension;
import org.ticketpipeline.localstack.TopicRecords;
import org.ticketpipeline.schemas.Correction;
import org.ticketpipeline.schemas.Release;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.serde.AvroDeserializer;

/** The ingest service over real HTTP, against the real broker and schema registry. */
@ExtendWith(KafkaStackExtension.class)
class IngestIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "it-ticket-events";
    private static KafkaStack stack;
    private static ApplicationContext context;
    private static String base;

    @BeforeAll
    static void start(KafkaStack kafkaStack) {
        stack = kafkaStack;
        context = ApplicationContext.run(Map.of(
                "micronaut.server.port", -1,
                "kafka.bootstrap-servers", stack.bootstrapServers(),
                "kafka.schema-registry-url", stack.registryUrl(),
                "pipeline.topics.ticket-events", TOPIC,
                "pipeline.topics.releases", "it-releases"));
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        base = "http://127.0.0.1:" + server.getPort();
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void shouldAcknowledgeAnEventOnlyOnceItIsInKafkaInTheSchemaRegistryFraming() throws Exception {
        String eventId = "e-" + UUID.randomUUID();
        String ticketId = "t-" + UUID.randomUUID();
        long sentFrom = System.currentTimeMillis() - 1_000;

        HttpResponse<String> response = HttpCalls.postJson(base + "/v1/ticket-events", TicketJson.created(eventId, ticketId));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(response.body()).path("accepted").get(0).path("eventId").asText()).isEqualTo(eventId);
        List<ConsumerRecord<byte[], byte[]>> records = recordsOf(ticketId, 1);
        assertThat(records).hasSize(1);
        // stamped when written, not at the event's time three weeks back: retention counts from the timestamp
        assertThat(records.get(0).timestampType()).isEqualTo(org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME);
        assertThat(records.get(0).timestamp()).isGreaterThanOrEqualTo(sentFrom);
        byte[] value = records.get(0).value();
        assertThat(new String(records.get(0).key(), StandardCharsets.UTF_8)).isEqualTo(ticketId);
        assertThat(value[0]).as("magic byte").isEqualTo((byte) 0);
        int schemaId = ByteBuffer.wrap(value, 1, 4).getInt();
        SchemaRegistryClient registry = new SchemaRegistryClient(stack.registryUrl());
        assertThat(registry.getById(schemaId)).isEqualTo(TicketEvent.getClassSchema());
        assertThat(registry.latest(TOPIC + "-value").id()).isEqualTo(schemaId);
        assertThat(registry.compatibility(TOPIC + "-value")).isEqualTo("BACKWARD_TRANSITIVE");
        TicketEvent read = new AvroDeserializer<>(registry, TicketEvent.class).deserialize(TOPIC, value);
        assertThat(read.getEventId()).isEqualTo(eventId);
        assertThat(read.getSubject()).isEqualTo("CSV export times out");
        assertThat(read.getTags()).containsExactly("export");
    }

    @Test
    void shouldAnswerMalformedJsonWith400ProblemJsonSayingWhere() throws Exception {
        HttpResponse<String> response = HttpCalls.postJson(base + "/v1/ticket-events", "{\"eventId\": \"e1\", \"ticketId\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asText()).contains("not valid JSON").contains("line 1");
    }

    @Test
    void shouldRefuseAnEventThatGivesAFieldTwiceNamingIt() throws Exception {
        String event = TicketJson.created("dup-" + UUID.randomUUID(), "t-" + UUID.randomUUID());
        String twice = event.replaceFirst("\\{", "{\"product\": \"roster\", ");

        HttpResponse<String> response = HttpCalls.postJson(base + "/v1/ticket-events", twice);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("detail").asText()).contains("duplicate field 'product', each field is given once");
    }

    @Test
    void shouldTakeTwoHelpdesksEventsThatShareTicketAndEventIdsAsTwoEvents() throws Exception {
        String ticketId = "t-" + UUID.randomUUID();
        String zendesk = TicketJson.created("1", ticketId);
        String freshdesk = zendesk.replace("\"zendesk\"", "\"freshdesk\"");
        assertThat(freshdesk).isNotEqualTo(zendesk);

        HttpResponse<String> response = HttpCalls.postJson(base + "/v1/ticket-events", "[" + zendesk + "," + freshdesk + "," + zendesk + "]");

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("accepted").findValuesAsText("index")).containsExactly("0", "1");
        assertThat(answer.path("rejected").get(0).path("errors").get(0).path("reason").asText()).isEqualTo("repeats the eventId of item 0, of the same ticket, in this batch");
    }

    @Test
    void shouldTakeAnEventWithAFieldItDoesNotHaveAndNameItAsLeftOut() throws Exception {
        String event = TicketJson.created("extra-" + UUID.randomUUID(), "t-extra").replace("\"tier\"", "\"priority\": \"high\", \"tier\"");

        HttpResponse<String> response = HttpCalls.postJson(base + "/v1/ticket-events", event);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode accepted = JSON.readTree(response.body()).path("accepted").get(0);
        assertThat(accepted.path("ignored").findValuesAsText("field")).containsExactly("priority");
    }

    @Test
    void shouldTakeABodyThatStartsWithAByteOrderMark() throws Exception {
        // as a file saved by Notepad or PowerShell and sent with curl --data-binary @file
        HttpResponse<String> response = HttpCalls.postJson(base + "/v1/ticket-events", "\uFEFF" + TicketJson.created("bom-" + UUID.randomUUID(), "t-bom"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    @Test
    void shouldRefuseABodyThatIsNotUtf8SayingWhereAndTakeItWhenItsCharsetIsNamed() throws Exception {
        String ticketId = "t-latin1-" + UUID.randomUUID();
        byte[] latin1 = TicketJson.created("e-latin1", ticketId).replace("CSV export", "Café export").getBytes(StandardCharsets.ISO_8859_1);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

        HttpResponse<String> unnamed = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/v1/ticket-events"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(latin1)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> named = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/v1/ticket-events"))
                .header("Content-Type", "application/json; charset=ISO-8859-1")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(latin1)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(unnamed.statusCode()).as(unnamed.body()).isEqualTo(400);
        int at = new String(latin1, StandardCharsets.ISO_8859_1).indexOf('é');
        assertThat(JSON.readTree(unnamed.body()).path("detail").asText())
                .startsWith("the body is not valid UTF-8 at byte " + at + " (0xE9)");
        assertThat(named.statusCode()).as(named.body()).isEqualTo(202);
        List<ConsumerRecord<byte[], byte[]>> records = recordsOf(ticketId, 1);
        assertThat(records).hasSize(1);
        TicketEvent read = new AvroDeserializer<>(new SchemaRegistryClient(stack.registryUrl()), TicketEvent.class)
                .deserialize(TOPIC, records.get(0).value());
        assertThat(read.getSubject()).isEqualTo("Café export times out");
    }

    @Test
    void shouldAnswerTheFrameworksOwnErrorsAsProblemJsonToo() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        // curl -d without -H sends a form's content type
        HttpResponse<String> form = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/v1/ticket-events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(TicketJson.created("e-form", "t-form"))).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> unknown = HttpCalls.get(base + "/v1/ticket-event");

        assertThat(form.statusCode()).isEqualTo(415);
        assertThat(unknown.statusCode()).isEqualTo(404);
        for (HttpResponse<String> response : List.of(form, unknown)) {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            JsonNode problem = JSON.readTree(response.body());
            assertThat(problem.path("status").asInt()).isEqualTo(response.statusCode());
            assertThat(problem.path("title").asText()).isNotBlank();
            assertThat(problem.path("detail").asText()).isNotBlank();
        }
        assertThat(JSON.readTree(form.body()).path("detail").asText()).contains("application/json");
    }

    @Test
    void shouldRejectAWrongTypeNamingTheFieldAndReason() throws Exception {
        String body = TicketJson.created("e-" + UUID.randomUUID(), "t-1").replace("\"tier\": \"L1\"", "\"tier\": 5")
                .replace("\"occurredAt\": \"2026-11-02T09:15:00Z\"", "\"occurredAt\": \"yesterday\"");

        HttpResponse<String> response = HttpCalls.postJson(base + "/v1/ticket-events", body);

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode errors = JSON.readTree(response.body()).path("errors");
        assertThat(errors.findValuesAsText("field")).containsExactlyInAnyOrder("tier", "occurredAt");
        assertThat(errors.toString()).contains("must be one of L1 / L2 / L3, got a number").contains("'yesterday' is not an ISO-8601 instant");

        HttpResponse<String> address = HttpCalls.postJson(base + "/v1/ticket-events",
                TicketJson.created("e-" + UUID.randomUUID(), "t-1").replace("\"c-81f2\"", "\"ana.lopez@example.com\""));
        assertThat(address.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(address.body()).path("errors").get(0).path("field").asText()).isEqualTo("customerId");
    }

    @Test
    void shouldRejectAMissingRequiredField() throws Exception {
        String body = TicketJson.created("e-" + UUID.randomUUID(), "t-1").replace("\"product\": \"ledger\",", "");

        HttpResponse<String> response = HttpCalls.postJson(base + "/v1/ticket-events", body);

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode errors = JSON.readTree(response.body()).path("errors");
        assertThat(errors.get(0).path("field").asText()).isEqualTo("product");
        assertThat(errors.get(0).path("reason").asText()).isEqualTo("is required");
    }

    @Test
    void shouldRefuseAnOversizedBodyNamingTheCap() throws Exception {
        String huge = "[" + (TicketJson.created("e-x", "t-x") + ",").repeat(3000) + TicketJson.created("e-y", "t-y") + "]";
        assertThat(huge.length()).isGreaterThan(1_048_576);

        HttpResponse<String> response = HttpCalls.postJson(base + "/v1/ticket-events", huge);
        HttpResponse<String> release = HttpCalls.postJson(base + "/v1/releases", huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("1048576 bytes").contains("split the batch (at most 500 events per request)");
        assertThat(release.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(release.body()).path("detail").asText()).as("one release: nothing to split")
                .isEqualTo("the request body exceeds the cap of 1048576 bytes; shorten its texts");
    }

    @Test
    void shouldRefuseABatchOverTheItemCapNamingTheCap() throws Exception {
        StringBuilder batch = new StringBuilder("[");
        for (int i = 0; i < 501; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"eventId\":\"e").append(i).append("\"}");
        }
        HttpResponse<String> response = HttpCalls.postJson(base + "/v1/ticket-events", batch.append("]").toString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).path("detail").asText()).contains("501 events").contains("cap of 500");
    }

    @Test
    void shouldPublishTheGoodItemsOfAMixedBatchExactlyOnceAndReportTheBadOnes() throws Exception {
        String ticketId = "t-" + UUID.randomUUID();
        String good1 = "g1-" + UUID.randomUUID();
        String good2 = "g2-" + UUID.randomUUID();
        String otherTicketId = "t-" + UUID.randomUUID();
        String batch = "[" + TicketJson.created(good1, ticketId) + ","
                + TicketJson.created("bad-" + UUID.randomUUID(), ticketId).replace("\"sourceHelpdesk\": \"zendesk\",", "") + ","
                + TicketJson.created(good2, ticketId) + ","
                + TicketJson.created("bad2-" + UUID.randomUUID(), ticketId).replace("\"type\": \"created\"", "\"type\": \"escalated\"") + ","
                + TicketJson.created(good1, ticketId) + ","
                // "no date" in .NET and Go: before the fix, a timestamp Kafka refuses failed the whole batch with a 500
                + TicketJson.created("bad3-" + UUID.randomUUID(), ticketId).replace("2026-11-02T09:15:00Z", "0001-01-01T00:00:00Z") + ","
                // past what epoch milliseconds hold: before the fix, an overflow failed the whole batch with a 500
                + TicketJson.created("bad4-" + UUID.randomUUID(), ticketId).replace("2026-11-02T09:15:00Z", "+999999999-01-01T00:00:00Z") + ","
                // another ticket's event with good1's id: a helpdesk that numbers each ticket's events reuses ids
                + TicketJson.created(good1, otherTicketId) + "]";

        HttpResponse<String> response = HttpCalls.postJson(base + "/v1/ticket-events", batch);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode answer = JSON.readTree(response.body());
        assertThat(answer.path("accepted").findValuesAsText("index")).containsExactly("0", "2", "7");
        assertThat(answer.path("rejected").findValuesAsText("index")).containsExactly("1", "3", "4", "5", "6");
        assertThat(answer.path("rejected").get(0).path("errors").get(0).path("field").asText()).isEqualTo("sourceHelpdesk");
        assertThat(answer.path("rejected").get(1).path("errors").get(0).path("reason").asText()).contains("'escalated' is not one of");
        assertThat(answer.path("rejected").get(2).path("errors").get(0).path("reason").asText()).contains("repeats the eventId of item 0");
        assertThat(answer.path("rejected").get(3).path("errors").get(0).path("reason").asText()).contains("is before 1973");
        assertThat(answer.path("rejected").get(4).path("errors").get(0).path("field").asText()).isEqualTo("occurredAt");
        assertThat(answer.path("rejected").get(4).path("errors").get(0).path("reason").asText()).contains("past year 9999");
        assertThat(recordsOf(otherTicketId, 1)).hasSize(1);

        List<ConsumerRecord<byte[], byte[]>> records = recordsOf(ticketId, 2);
        TicketEvent[] events = records.stream().map(r -> deserialize(r.value())).toArray(TicketEvent[]::new);
        assertThat(events).extracting(TicketEvent::getEventId).containsExactly(good1, good2);
    }

    static String release(String releaseId, String handoff) {
        return """
                {"releaseId": "%s", "product": "ledger", "version": "4.3.0", "releasedAt": "2026-11-10T08:00:00Z",
                 "brief": {"summary": "Faster CSV export", "predictedThemes": [{"theme": "csv export times out", "strength": "medium"}]}%s}
                """.formatted(releaseId, handoff == null ? "" : ", \"handoff\": " + handoff);
    }

    static final String SIGNED_HANDOFF = """
            {"knownIssues": "Exports over 12 months take up to 2 minutes.", "workarounds": "Macro EXPORT-SPLIT",
             "customerComms": "In-app release note", "escalateTo": "reporting squad on-call",
             "tier1Answers": [{"question": "Why are exports slower?", "answer": "Large exports now stream."}],
             "signatures": [{"role": "cs_lead", "name": "Ana"}, {"role": "product_owner", "name": "Ben"},
                            {"role": "designer", "name": "Chi"}, {"role": "tech_lead", "name": "Dev"}]}""";

    @Test
    void shouldTakeAReleaseWithItsBriefAndSignedHandoff() throws Exception {
        String releaseId = "r-" + UUID.randomUUID();

        HttpResponse<String> accepted = HttpCalls.postJson(base + "/v1/releases", release(releaseId, SIGNED_HANDOFF));

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(accepted.body()).path("note").asText()).as("dated 2026-11-10: further back than a watch reaches")
                .contains("no watch will be made of it");
        String shipping = release("r-" + UUID.randomUUID(), SIGNED_HANDOFF).replace("2026-11-10T08:00:00Z", java.time.Instant.now().minusSeconds(3600).toString());
        HttpResponse<String> current = HttpCalls.postJson(base + "/v1/releases", shipping);
        assertThat(current.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(current.body()).has("note")).as("a release of an hour ago is watched: nothing to note").isFalse();
        List<Release> written = releasesWritten(releaseId, 1);
        assertThat(written).singleElement().satisfies(r -> {
            assertThat(r.getBrief().getPredictedThemes()).hasSize(1);
            assertThat(r.getHandoff().getSignatures()).hasSize(4);
        });
        // created by the ingest as the topics' owners need them: releases kept per key, events stamped on arrival
        try (var admin = org.apache.kafka.clients.admin.Admin.create(java.util.Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            var releases = new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, "it-releases");
            var events = new org.apache.kafka.common.config.ConfigResource(org.apache.kafka.common.config.ConfigResource.Type.TOPIC, TOPIC);
            var configs = admin.describeConfigs(List.of(releases, events)).all().get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(configs.get(releases).get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(configs.get(events).get("message.timestamp.type").value()).isEqualTo("LogAppendTime");
        }
    }

    @Test
    void shouldRefuseAnInvalidReleaseNamingEachField() throws Exception {
        HttpResponse<String> refused = HttpCalls.postJson(base + "/v1/releases",
                "{\"releaseId\": \"x\", \"product\": \"ledger\", \"brief\": {\"predictedThemes\": [{\"theme\": \"a\", \"strength\": \"huge\"}]}}");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(refused.body()).path("errors").findValuesAsText("field"))
                .contains("version", "releasedAt", "brief.summary", "brief.predictedThemes[0].strength");

        // a theme given as a bare name, and a field the brief does not have: each said as it is
        HttpResponse<String> shapes = HttpCalls.postJson(base + "/v1/releases", "{\"releaseId\": \"x\", \"product\": \"ledger\", \"version\": \"1\","
                + " \"releasedAt\": \"2026-11-24T09:00:00Z\", \"brief\": {\"summary\": \"s\", \"predictedThemes\": [\"csv export times out\"],"
                + " \"predicted_themes\": []}}");
        assertThat(shapes.statusCode()).isEqualTo(422);
        JsonNode errors = JSON.readTree(shapes.body()).path("errors");
        assertThat(errors.findValuesAsText("field")).as("and the handoff not given, in the same answer")
                .containsExactlyInAnyOrder("brief.predicted_themes", "brief.predictedThemes[0]", "handoff");
        assertThat(JSON.readTree(shapes.body()).path("missing").get(0).asText()).startsWith("Support handoff: not given.");
        assertThat(errors.findValuesAsText("reason")).contains("must be an object {theme, strength}, got a string")
                .anySatisfy(r -> assertThat(r).startsWith("is not a field of a brief: summary, predictedThemes"));
    }

    @Test
    void shouldAnswerAReleaseBodyOfTheWrongShapeWith400AsAnEventsIs() throws Exception {
        for (String body : java.util.List.of("[]", "null", "\"ledger-4.3.0\"")) {
            HttpResponse<String> refused = HttpCalls.postJson(base + "/v1/releases", body);

            assertThat(refused.statusCode()).as(body).isEqualTo(400);
            assertThat(JSON.readTree(refused.body()).path("detail").asText()).as(body).startsWith("the body must be a JSON object, got ")
                    .doesNotContain("handoff");
        }
    }

    @Test
    void shouldRefuseAReleaseLargerThanAKafkaRecordAsTooLargeNotAsKafkaUnavailable() throws Exception {
        String releaseId = "r-large-" + UUID.randomUUID();
        // under the body cap in Latin-1, twice that as the record's UTF-8: every text within its cap
        String words = "é".repeat(19_000);
        StringBuilder answers = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            answers.append(i == 0 ? "" : ", ").append("{\"question\": \"").append(i).append(words).append("\", \"answer\": \"").append(words).append("\"}");
        }
        String large = release(releaseId, SIGNED_HANDOFF.replace("[{\"question\": \"Why are exports slower?\", \"answer\": \"Large exports now stream.\"}]",
                "[" + answers + "]"));
        HttpResponse<String> refused = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/v1/releases"))
                .header("Content-Type", "application/json; charset=ISO-8859-1")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(large.getBytes(StandardCharsets.ISO_8859_1))).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Retry-After")).as("no retry does better").isEmpty();
        assertThat(JSON.readTree(refused.body()).path("detail").asText()).startsWith("the release is ").contains("bytes as a Kafka record");

        assertThat(HttpCalls.postJson(base + "/v1/releases", release(releaseId, SIGNED_HANDOFF)).statusCode()).isEqualTo(202);
        assertThat(releasesWritten(releaseId, 1)).as("the small one only").singleElement()
                .satisfies(r -> assertThat(r.getHandoff().getTier1Answers()).hasSize(1));
    }

    @Test
    void shouldRefuseABriefThatNamesAThemeTwiceWhateverItsCaseAndSpacing() throws Exception {
        String twice = release("r-" + UUID.randomUUID(), SIGNED_HANDOFF).replace("[{\"theme\": \"csv export times out\", \"strength\": \"medium\"}]",
                "[{\"theme\": \"csv export times out\", \"strength\": \"medium\"}, {\"theme\": \"CSV  Export times out\", \"strength\": \"high\"}]");

        HttpResponse<String> refused = HttpCalls.postJson(base + "/v1/releases", twice);

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        JsonNode error = JSON.readTree(refused.body()).path("errors").get(0);
        assertThat(error.path("field").asText()).isEqualTo("brief.predictedThemes[1].theme");
        assertThat(error.path("reason").asText()).startsWith("repeats predictedThemes[0] ('csv export times out')");
    }

    @Test
    void shouldRefuseCalmlyAReleaseWhoseHandoffLeavesQuestionsOpenThenTakeItWhenCompleted() throws Exception {
        String releaseId = "r-" + UUID.randomUUID();
        String unsigned = """
                {"knownIssues": "", "workarounds": "Macro EXPORT-SPLIT", "customerComms": "In-app note", "escalateTo": "reporting on-call",
                 "tier1Answers": [{"question": "Why are exports slower?", "answer": ""}],
                 "signatures": [{"role": "product_owner", "name": "Ben"}, {"role": "designer", "name": "Chi"}, {"role": "tech_lead", "name": "Dev"}]}""";

        HttpResponse<String> noHandoff = HttpCalls.postJson(base + "/v1/releases", release(releaseId, null));
        HttpResponse<String> refused = HttpCalls.postJson(base + "/v1/releases", release(releaseId, unsigned));

        assertThat(noHandoff.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(noHandoff.body()).path("missing").get(0).asText()).startsWith("Support handoff: not given.");
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(refused.body());
        assertThat(problem.path("missing").toString())
                .contains("Known issues: not answered.")
                .contains("What should Tier 1 say when a customer asks: Why are exports slower? Not answered.")
                .contains("Signature of the CS lead: missing.")
                .doesNotContain("Macros or workarounds");
        assertThat(problem.path("detail").asText()).contains("3 questions open");
        HttpResponse<String> noQuestion = HttpCalls.postJson(base + "/v1/releases", release(releaseId,
                SIGNED_HANDOFF.replaceFirst("\"tier1Answers\": \\[[^\\]]*\\]", "\"tier1Answers\": []")));
        assertThat(noQuestion.statusCode()).as(noQuestion.body()).isEqualTo(422);
        assertThat(JSON.readTree(noQuestion.body()).path("missing").toString())
                .isEqualTo("[\"Tier-1 questions: none asked. Name the questions a Tier-1 agent will hear first about this release, each with its answer.\"]");

        HttpResponse<String> completed = HttpCalls.postJson(base + "/v1/releases", release(releaseId, SIGNED_HANDOFF));

        assertThat(completed.statusCode()).isEqualTo(202);
        assertThat(releasesWritten(releaseId, 1)).as("only the completed release was written").hasSize(1);
    }

    @Test
    void shouldNameACorrectionByItsIdempotencyKeySoThatSendingItAgainIsSafe() throws Exception {
        String ticketId = "t-" + UUID.randomUUID();
        String key = "form-7f3a-" + UUID.randomUUID();
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<String, java.net.http.HttpRequest> withKey = k -> java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(base + "/v1/tickets/" + ticketId + "/corrections"))
                .header("Content-Type", "application/json").header("Idempotency-Key", k)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"product\": \"ledger\", \"kind\": \"noise\", \"by\": \"Ana\"}")).build();

        HttpResponse<String> taken = http.send(withKey.apply(key), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> again = http.send(withKey.apply(key), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> blank = http.send(withKey.apply(" "), HttpResponse.BodyHandlers.ofString());

        assertThat(taken.statusCode()).as(taken.body()).isEqualTo(202);
        String id = JSON.readTree(taken.body()).path("correctionId").asText();
        assertThat(id).startsWith(key + "~");
        assertThat(JSON.readTree(again.body()).path("correctionId").asText()).as("sent again: the same correction").isEqualTo(id);
        assertThat(CorrectionController.keyed(key, ticketId, "ledger", org.ticketpipeline.schemas.TicketKind.BRIEF_INPUT, null, null, "Ana", null))
                .as("the same key with another correction: another one").isNotEqualTo(id);
        assertThat(correctionsWritten(ticketId)).extracting(Correction::getCorrectionId).containsOnly(id);
        assertThat(blank.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(blank.body()).path("errors").get(0).path("field").asText()).isEqualTo("Idempotency-Key");

        HttpResponse<String> twoKeys = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/v1/tickets/" + ticketId + "/corrections"))
                .header("Content-Type", "application/json").header("Idempotency-Key", key).header("Idempotency-Key", "form-other")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"product\": \"ledger\", \"kind\": \"noise\", \"by\": \"Ana\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(twoKeys.statusCode()).as("two keys: which names the correction would be a guess").isEqualTo(422);
        assertThat(JSON.readTree(twoKeys.body()).path("errors").get(0).path("reason").asText()).isEqualTo("is given 2 times: send one, the same on every retry");
    }

    @Test
    void shouldTakeACorrectionAndSayWhatIsWrongWithABadOne() throws Exception {
        String ticketId = "t-" + UUID.randomUUID();

        HttpResponse<String> taken = HttpCalls.postJson(base + "/v1/tickets/" + ticketId + "/corrections",
                "{\"product\": \"ledger\", \"kind\": \"brief-input\", \"by\": \"Ana\", \"note\": \"works as built\"}");
        HttpResponse<String> empty = HttpCalls.postJson(base + "/v1/tickets/" + ticketId + "/corrections",
                "{\"product\": \"ledger\", \"by\": \"Ana\"}");
        HttpResponse<String> levelOnNoise = HttpCalls.postJson(base + "/v1/tickets/" + ticketId + "/corrections",
                "{\"product\": \"ledger\", \"kind\": \"noise\", \"level\": \"build\", \"by\": \"Ana\"}");
        HttpResponse<String> levelTypo = HttpCalls.postJson(base + "/v1/tickets/" + ticketId + "/corrections",
                "{\"product\": \"ledger\", \"level\": \"biuld\", \"by\": \"Ana\"}");
        // a form sends every field: blank ones are not given, so a blank theme never becomes a nameless one
        String formTicketId = "t-" + UUID.randomUUID();
        HttpResponse<String> fromAForm = HttpCalls.postJson(base + "/v1/tickets/" + formTicketId + "/corrections",
                "{\"product\": \"ledger\", \"kind\": \"noise\", \"level\": \"\", \"theme\": \"  \", \"by\": \"Ana\"}");
        HttpResponse<String> onlyBlanks = HttpCalls.postJson(base + "/v1/tickets/" + ticketId + "/corrections",
                "{\"product\": \"ledger\", \"theme\": \" \", \"by\": \"Ana\"}");
        HttpResponse<String> nothing = HttpCalls.postJson(base + "/v1/tickets/" + ticketId + "/corrections", "{}");
        // no-break and zero-width spaces are no name either
        HttpResponse<String> invisibleTheme = HttpCalls.postJson(base + "/v1/tickets/" + ticketId + "/corrections",
                "{\"product\": \"ledger\", \"theme\": \"\u00a0\u200b\", \"by\": \"Ana\"}");

        // what traces to no level is not a bug: the person making a ticket one names where it broke
        HttpResponse<String> bugWithoutLevel = HttpCalls.postJson(base + "/v1/tickets/" + ticketId + "/corrections",
                "{\"product\": \"ledger\", \"kind\": \"bug\", \"by\": \"Ana\"}");
        HttpResponse<String> bugWithBlankLevel = HttpCalls.postJson(base + "/v1/tickets/" + ticketId + "/corrections",
                "{\"product\": \"ledger\", \"kind\": \"bug\", \"level\": \" \", \"by\": \"Ana\"}");
        HttpResponse<String> longTheme = HttpCalls.postJson(base + "/v1/tickets/" + ticketId + "/corrections",
                "{\"product\": \"ledger\", \"theme\": \"" + "x".repeat(201) + "\", \"by\": \"Ana\"}");

        HttpResponse<String> noTicket = HttpCalls.postJson(base + "/v1/tickets/%20/corrections",
                "{\"product\": \"ledger\", \"kind\": \"noise\", \"by\": \"Ana\"}");

        HttpResponse<String> brokenId = HttpCalls.postJson(base + "/v1/tickets/t1%0Aevent:%20x/corrections",
                "{\"product\": \"ledger\", \"kind\": \"noise\", \"by\": \"Ana\"}");
        HttpResponse<String> brokenTheme = HttpCalls.postJson(base + "/v1/tickets/" + ticketId + "/corrections",
                "{\"product\": \"ledger\", \"theme\": \"exports\\r\\ndata: x\", \"by\": \"Ana\"}");

        assertThat(taken.statusCode()).isEqualTo(202);
        for (HttpResponse<String> bug : List.of(bugWithoutLevel, bugWithBlankLevel)) {
            assertThat(bug.statusCode()).isEqualTo(422);
            assertThat(JSON.readTree(bug.body()).path("errors")).singleElement().satisfies(e -> {
                assertThat(e.path("field").asText()).isEqualTo("level");
                assertThat(e.path("reason").asText()).startsWith("a bug traces to a chain level");
            });
        }
        assertThat(longTheme.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(longTheme.body()).path("errors").get(0).path("reason").asText()).contains("over the cap of 200");
        assertThat(brokenId.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(brokenId.body()).path("errors").get(0).path("reason").asText()).startsWith("has a line break or NUL (U+000A)");
        assertThat(brokenTheme.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(brokenTheme.body()).path("errors").get(0).path("field").asText()).isEqualTo("theme");
        assertThat(noTicket.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(noTicket.body()).path("errors").get(0).path("field").asText()).isEqualTo("ticketId");
        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(empty.body()).path("errors").get(0).path("reason").asText()).contains("at least one of kind");
        assertThat(levelOnNoise.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(levelOnNoise.body()).path("errors").get(0).path("field").asText()).isEqualTo("level");
        assertThat(fromAForm.statusCode()).isEqualTo(202);
        assertThat(onlyBlanks.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(onlyBlanks.body()).path("errors").get(0).path("reason").asText()).contains("at least one of kind");
        assertThat(invisibleTheme.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(invisibleTheme.body()).path("errors").get(0).path("reason").asText()).contains("at least one of kind");
        assertThat(nothing.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(nothing.body()).path("errors")).as("every problem in one answer, not one round after another")
                .extracting(e -> e.path("field").asText()).containsExactlyInAnyOrder("product", "by", "kind");
        assertThat(levelTypo.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(levelTypo.body()).path("errors").get(0).path("reason").asText())
                .isEqualTo("a chain level is brief, design, build, release or system:<back-stage system>, got 'biuld'");
        List<Correction> written = correctionsWritten(ticketId);
        assertThat(written).singleElement().satisfies(c -> {
            assertThat(c.getKind()).isEqualTo(org.ticketpipeline.schemas.TicketKind.BRIEF_INPUT);
            assertThat(c.getBy()).isEqualTo("Ana");
        });
        List<Correction> fromTheForm = correctionsWritten(formTicketId);
        assertThat(fromTheForm).singleElement().satisfies(c -> {
            assertThat(c.getKind()).isEqualTo(org.ticketpipeline.schemas.TicketKind.NOISE);
            assertThat(c.getTheme()).isNull();
            assertThat(c.getLevel()).isNull();
        });
    }

    @Test
    void shouldTakeAPlusInTheTicketIdOfACorrectionsPathWrittenAsPercent2BAndSayHowToWriteIt() throws Exception {
        String suffix = UUID.randomUUID().toString();
        String body = "{\"product\": \"ledger\", \"kind\": \"noise\", \"by\": \"Ana\"}";

        HttpResponse<String> escaped = HttpCalls.postJson(base + "/v1/tickets/fe%2B" + suffix + "%20x/corrections", body);
        HttpResponse<String> plus = HttpCalls.postJson(base + "/v1/tickets/fd+" + suffix + "/corrections", body);
        // an HTTP client refuses to send a bad escape: written on the socket, as a hand-made request would be
        String badEscape = rawPost("/v1/tickets/fd%G1/corrections", body);

        assertThat(escaped.statusCode()).as(escaped.body()).isEqualTo(202);
        assertThat(JSON.readTree(escaped.body()).path("ticketId").asText()).isEqualTo("fe+" + suffix + " x");
        assertThat(correctionsWritten("fe+" + suffix + " x")).hasSize(1);
        assertThat(plus.statusCode()).as("not the router's bare 404").isEqualTo(400);
        assertThat(plus.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JSON.readTree(plus.body()).path("detail").asText()).contains("write it as %2B (/v1/tickets/fd%2B" + suffix + "/corrections)");
        assertThat(badEscape).as("refused by the server before the route, as problem+json").startsWith("HTTP/1.1 400")
                .contains("application/problem+json").contains("Malformed URI");
    }

    @Test
    void shouldCorrectTheTicketAPathPaddedWithSpacesNamesAsItsEventsWouldName() throws Exception {
        String ticketId = "fp-" + UUID.randomUUID();

        HttpResponse<String> padded = HttpCalls.postJson(base + "/v1/tickets/%20" + ticketId + "%C2%A0/corrections",
                "{\"product\": \"ledger\", \"kind\": \"noise\", \"by\": \"Ana\"}");

        assertThat(padded.statusCode()).as(padded.body()).isEqualTo(202);
        assertThat(JSON.readTree(padded.body()).path("ticketId").asText()).isEqualTo(ticketId);
        assertThat(correctionsWritten(ticketId)).hasSize(1);
    }

    /** The whole answer, status line first, to a POST whose path is sent as written. */
    private static String rawPost(String path, String body) throws Exception {
        java.net.URI uri = java.net.URI.create(base);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().write(bytes);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Correction> correctionsWritten(String ticketId) {
        SchemaRegistryClient registry = new SchemaRegistryClient(stack.registryUrl());
        return TopicRecords.read(stack.bootstrapServers(), "corrections",
                        rs -> rs.stream().anyMatch(r -> ticketId.equals(new String(r.key(), StandardCharsets.UTF_8))), Duration.ofSeconds(20), Duration.ofSeconds(1))
                .stream().filter(r -> ticketId.equals(new String(r.key(), StandardCharsets.UTF_8)))
                .map(r -> new AvroDeserializer<>(registry, Correction.class).deserialize("corrections", r.value())).toList();
    }

    private static List<Release> releasesWritten(String releaseId, int expected) {
        SchemaRegistryClient registry = new SchemaRegistryClient(stack.registryUrl());
        return TopicRecords.read(stack.bootstrapServers(), "it-releases",
                        rs -> rs.stream().filter(r -> releaseId.equals(new String(r.key(), StandardCharsets.UTF_8))).count() >= expected,
                        Duration.ofSeconds(20), Duration.ofSeconds(1))
                .stream().filter(r -> releaseId.equals(new String(r.key(), StandardCharsets.UTF_8)))
                .map(r -> new AvroDeserializer<>(registry, Release.class).deserialize("it-releases", r.value())).toList();
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenKafkaIsDownAndAcknowledgeNothing() throws Exception {
        try (ApplicationContext down = ApplicationContext.run(Map.of(
                "micronaut.server.port", -1,
                "kafka.bootstrap-servers", "127.0.0.1:" + FreePorts.next(),
                "kafka.schema-registry-url", stack.registryUrl(),
                "kafka.delivery-timeout", "2s",
                "kafka.max-block", "1s"))) {
            EmbeddedServer server = down.getBean(EmbeddedServer.class).start();

            HttpResponse<String> response = HttpCalls.postJson("http://127.0.0.1:" + server.getPort() + "/v1/ticket-events",
                    TicketJson.created("e-" + UUID.randomUUID(), "t-down"));

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(JSON.readTree(response.body()).path("detail").asText()).contains("None of the 1 valid events is acknowledged");
            HttpResponse<String> health = HttpCalls.get("http://127.0.0.1:" + server.getPort() + "/health");
            assertThat(health.statusCode()).isEqualTo(503);
        }
    }

    @Test
    void shouldNotSayReadyWhileTheSchemaRegistryIsAwayAndNoSchemaIsKnown() throws Exception {
        try (ApplicationContext noRegistry = ApplicationContext.run(Map.of(
                "micronaut.server.port", -1,
                "kafka.bootstrap-servers", stack.bootstrapServers(),
                "kafka.schema-registry-url", "http://127.0.0.1:" + FreePorts.next()))) {
            EmbeddedServer server = noRegistry.getBean(EmbeddedServer.class).start();

            HttpResponse<String> health = HttpCalls.get("http://127.0.0.1:" + server.getPort() + "/health");

            // every event would be answered 503 (its schema cannot be registered): not ready, and said why
            assertThat(health.statusCode()).as(health.body()).isEqualTo(503);
            assertThat(health.body()).contains("schema-registry").contains("\"schemasKnown\":false");
        }
    }

    @Test
    void shouldServeHealthAndPrometheusMetrics() throws Exception {
        HttpCalls.postJson(base + "/v1/ticket-events", TicketJson.created("e-" + UUID.randomUUID(), "t-metrics"));

        HttpResponse<String> health = HttpCalls.get(base + "/health");
        HttpResponse<String> metrics = HttpCalls.get(base + "/prometheus");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("ingest_events_accepted_total").contains("kafka_producer");
        HttpResponse<String> openapi = HttpCalls.get(base + "/openapi/ticket-pipeline-ingest-1.yml");
        assertThat(openapi.statusCode()).isEqualTo(200);
        assertThat(openapi.body()).contains("/v1/ticket-events:").contains("/v1/releases:").contains("/v1/tickets/{ticketId}/corrections:");
        // what each operation takes and answers, not a bare string in and a 200 out
        assertThat(openapi.body()).contains("operationId: postTicketEvents", "operationId: postRelease", "operationId: postCorrection")
                .contains("\"202\":", "\"413\":", "\"422\":", "\"503\":", "application/problem+json", "eventId: zd-88121-1")
                .doesNotContain("\"200\":").doesNotContain("type: string\n            examples");
    }

    private static List<ConsumerRecord<byte[], byte[]>> recordsOf(String ticketId, int expected) {
        return TopicRecords.read(stack.bootstrapServers(), TOPIC,
                        rs -> rs.stream().filter(r -> ticketId.equals(new String(r.key(), StandardCharsets.UTF_8))).count() >= expected,
                        Duration.ofSeconds(20), Duration.ofSeconds(1))
                .stream().filter(r -> ticketId.equals(new String(r.key(), StandardCharsets.UTF_8))).toList();
    }

    private static TicketEvent deserialize(byte[] value) {
        return new AvroDeserializer<>(new SchemaRegistryClient(stack.registryUrl()), TicketEvent.class).deserialize(TOPIC, value);
    }
}
