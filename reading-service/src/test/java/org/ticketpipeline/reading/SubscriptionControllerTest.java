package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.ticketpipeline.schemas.Subscription;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.serde.AvroSerializer;

/** What POST /v1/subscriptions takes and how it refuses, without a broker: the producer is Kafka's mock. */
class SubscriptionControllerTest {

    private final MockProducer<String, SpecificRecord> kafka = MockProducers.acknowledging();

    /** The tables are not read to create a subscription. */
    private SubscriptionController controller(MockProducer<String, SpecificRecord> producer) {
        return new SubscriptionController(null, new ReadingProducer(producer), new ReadingSettings());
    }

    private static String weekly(String webhookUrl) {
        return "{\"kind\": \"weekly\", \"product\": \"ledger\", \"webhookUrl\": \"" + webhookUrl + "\"}";
    }

    @Test
    void shouldRefuseAProductOrThemeOfMoreThanOneLineAsTheIngestDoes() {
        HttpResponse<?> product = controller(kafka).create(weekly("https://chat.example.org/hooks/trio").replace("\"ledger\"", "\"led\\nger\""));
        HttpResponse<?> theme = controller(kafka).create("{\"kind\": \"theme\", \"product\": \"ledger\", \"theme\": \"csv\\r\\nexport\", "
                + "\"webhookUrl\": \"https://chat.example.org/hooks/trio\"}");

        assertThat(product.code()).isEqualTo(422);
        assertThat(problem(product).errors()).containsExactly(new Problem.FieldError("product",
                "has a line break or NUL (U+000A) at position 3: an id or name is one line of text"));
        assertThat(theme.code()).isEqualTo(422);
        assertThat(problem(theme).errors()).extracting(Problem.FieldError::field).containsExactly("theme");
        assertThat(kafka.history()).as("nothing kept").isEmpty();
    }

    @Test
    void shouldRefuseAWebhookWhosePortNoSocketCanHaveNamingWebhookUrl() {
        for (String url : List.of("http://chat.example.org:70000/hooks/trio", "https://chat.example.org:0/hooks/trio")) {
            HttpResponse<?> refused = controller(kafka).create(weekly(url));

            assertThat(refused.code()).as(url).isEqualTo(422);
            assertThat(problem(refused).errors()).as(url).extracting(Problem.FieldError::field).containsExactly("webhookUrl");
            assertThat(problem(refused).errors().get(0).reason()).as(url).contains("out of range");
        }
        assertThat(kafka.history()).as("nothing kept").isEmpty();
    }

    @Test
    void shouldRefuseAWebhookOnALinkLocalAddressWhereACloudsMetadataServiceAnswers() {
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/hook")) {
            HttpResponse<?> refused = controller(kafka).create(weekly(url));

            assertThat(refused.code()).as(url).isEqualTo(422);
            assertThat(problem(refused).errors().get(0).reason()).as(url).contains("a link-local address (where a cloud's metadata service answers)");
        }
        for (String url : List.of("http://0.0.0.0:8080/hook", "http://[::]/hook", "http://0.1.2.3/hook")) {
            HttpResponse<?> refused = controller(kafka).create(weekly(url));

            assertThat(refused.code()).as(url).isEqualTo(422);
            assertThat(problem(refused).errors().get(0).reason()).as(url).contains("an unspecified address (this machine, on most systems)")
                    .doesNotContain("metadata");
        }
        assertThat(WebhookHosts.refusedWithin("http://169.254.169.254/x", true, Duration.ofSeconds(2))).startsWith("the webhook's host 169.254.169.254 is a link-local");
    }

    @Test
    void shouldRefuseAWebhookOnALoopbackOrPrivateHostUnlessPrivateHostsAreTaken() {
        for (String url : List.of("http://10.1.2.3/hooks/intranet-chat", "http://127.0.0.1:9000/hook", "http://localhost:9000/hook",
                "http://[::1]/hook", "http://[fd12:3456::1]/hook", "http://100.64.0.7/hook", "http://[::ffff:192.168.1.1]/hook",
                "http://[64:ff9b::a00:1]/hook", "http://[2002:c0a8:101::1]/hook")) {
            HttpResponse<?> refused = controller(kafka).create(weekly(url));

            assertThat(refused.code()).as(url).isEqualTo(422);
            assertThat(problem(refused).errors().get(0).field()).isEqualTo("webhookUrl");
            assertThat(problem(refused).errors().get(0).reason()).as(url).contains("loopback or private address")
                    .contains("reading.webhook-private-hosts");
        }
        assertThat(kafka.history()).as("nothing kept").isEmpty();

        ReadingSettings privateHosts = new ReadingSettings();
        privateHosts.setWebhookPrivateHosts(true);
        SubscriptionController intranet = new SubscriptionController(null, new ReadingProducer(kafka), privateHosts);
        assertThat(intranet.create(weekly("http://10.1.2.3/hooks/intranet-chat")).code()).as("an intranet's chat").isEqualTo(201);
        assertThat(intranet.create(weekly("http://127.0.0.1:9000/hook")).code()).as("a receiver on this machine").isEqualTo(201);
        assertThat(intranet.create(weekly("http://169.254.169.254/latest/meta-data/")).code()).as("never a metadata service").isEqualTo(422);
        assertThat(intranet.create(weekly("http://[fd00:ec2::254]/latest/meta-data/")).code()).as("nor AWS's IPv6 one").isEqualTo(422);
        assertThat(intranet.create(weekly("http://[fd00:ec2::254%2]/latest/meta-data/")).code()).as("nor it with a scope").isEqualTo(422);
        assertThat(intranet.create(weekly("http://[fd20:ce::254]/computeMetadata/v1/")).code()).as("nor Google Cloud's IPv6 one").isEqualTo(422);
        assertThat(intranet.create(weekly("http://[64:ff9b::a9fe:a9fe]/")).code()).as("nor one inside NAT64").isEqualTo(422);
        assertThat(controller(kafka).create(weekly("http://203.0.113.9/hook")).code()).as("a public address").isEqualTo(201);
    }

    /** Tables holding one subscription, until its tombstone is written, and its delivered week. */
    private static ThemeWindowsView holding(Subscription subscription, org.ticketpipeline.schemas.Delivery delivered,
                                            MockProducer<String, SpecificRecord> writes) {
        return new ThemeWindowsView((org.apache.kafka.streams.KafkaStreams) null) {
            @Override
            public Subscription subscription(String id) {
                boolean tombstoned = writes.history().stream().anyMatch(r -> r.topic().equals("subscriptions") && r.value() == null);
                return tombstoned || !id.equals(subscription.getSubscriptionId()) ? null : subscription;
            }

            @Override
            public List<org.ticketpipeline.schemas.Delivery> deliveriesOf(String id) {
                return id.equals(subscription.getSubscriptionId()) ? List.of(delivered) : List.of();
            }
        };
    }

    @Test
    void shouldTakeTheSubscriptionBeforeItsDeliveryRecordsSoAFailureHalfWayCannotHaveItsReadingSentAgain() {
        Subscription weekly = Subscription.newBuilder().setSubscriptionId("sub-1").setKind("weekly").setProduct("ledger")
                .setWebhookUrl("https://chat.example.org/hooks/trio").setSecret("0123456789abcdef0123").setCreatedAt(java.time.Instant.EPOCH).build();
        org.ticketpipeline.schemas.Delivery delivered = org.ticketpipeline.schemas.Delivery.newBuilder().setDeliveryId("sub-1|2026-11-16")
                .setSubscriptionId("sub-1").setPeriod("2026-11-16").setStatus("delivered").setAttempts(1).setBody("{}")
                .setAt(java.time.Instant.EPOCH).build();
        // Kafka takes one write, then is away
        MockProducer<String, SpecificRecord> once = new MockProducer<String, SpecificRecord>(true, null, new StringSerializer(),
                new org.apache.kafka.common.serialization.Serializer<SpecificRecord>() {
                    private int writes;

                    @Override
                    public byte[] serialize(String topic, SpecificRecord value) {
                        if (++writes > 1) {
                            throw new org.apache.kafka.common.errors.TimeoutException("Kafka away");
                        }
                        return new byte[0];
                    }
                });
        SubscriptionController controller = new SubscriptionController(holding(weekly, delivered, once), new ReadingProducer(once),
                new ReadingSettings());

        HttpResponse<?> deleted = controller.delete("sub-1");

        assertThat(once.history()).extracting(ProducerRecord::topic).as("the subscription's tombstone first").containsExactly("subscriptions");
        assertThat(deleted.code()).as("gone: its delivery records are the rounds' sweep's").isEqualTo(204);
    }

    @Test
    void shouldMatchAReleaseSubscriptionToItsReleaseAsTheWatchesKnowIt() {
        ThemeWindowsView watching = new ThemeWindowsView((org.apache.kafka.streams.KafkaStreams) null) {
            @Override
            public org.ticketpipeline.schemas.ReleaseWatch watch(String releaseId) {
                return releaseId.equals("ledger-4.3.0") ? org.ticketpipeline.schemas.ReleaseWatch.newBuilder().setReleaseId(releaseId)
                        .setProduct("ledger").setVersion("4.3.0").setReleasedAt(java.time.Instant.EPOCH).setWatchEndsAt(java.time.Instant.EPOCH)
                        .setUpdatedAt(java.time.Instant.EPOCH).build() : null;
            }

            @Override
            public boolean knows(String product) {
                return true;
            }

            @Override
            public Subscription subscription(String id) {
                return null;
            }
        };
        SubscriptionController controller = new SubscriptionController(watching, new ReadingProducer(kafka), new ReadingSettings());
        String release = "{\"kind\": \"release\", \"product\": \"%s\", \"releaseId\": \"%s\", \"webhookUrl\": \"https://chat.example.org/h\"}";

        HttpResponse<?> padded = controller.create(release.formatted("ledger", " ledger-4.3.0 "));
        HttpResponse<?> otherProduct = controller.create(release.formatted("roster", "ledger-4.3.0"));
        HttpResponse<?> unknown = controller.create(release.formatted("ledger", "ledger-4.3.9"));

        assertThat(padded.code()).isEqualTo(201);
        assertThat(((Subscription) kafka.history().get(0).value()).getReleaseId()).as("as the watches key it").isEqualTo("ledger-4.3.0");
        assertThat(((SubscriptionController.SubscriptionAnswer) padded.body()).note()).isNull();
        assertThat(otherProduct.code()).isEqualTo(422);
        assertThat(problem(otherProduct).errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("product");
            assertThat(e.reason()).isEqualTo("release 'ledger-4.3.0' is a release of ledger, not of roster");
        });
        assertThat(unknown.code()).isEqualTo(201);
        assertThat(((SubscriptionController.SubscriptionAnswer) unknown.body()).note()).startsWith("no watch of release 'ledger-4.3.9' yet");
    }

    @Test
    void shouldSayWhyAHostWithAnUnderscoreCannotBeCalled() {
        HttpResponse<?> refused = controller(kafka).create(weekly("http://chat_bridge:8080/hook"));

        assertThat(refused.code()).isEqualTo(422);
        assertThat(problem(refused).errors().get(0).reason()).startsWith("host 'chat_bridge:8080' cannot be called: a host name holds letters");
    }

    @Test
    void shouldTakeAWebhookSchemeInAnyCase() {
        HttpResponse<?> created = controller(kafka).create(weekly("HTTPS://chat.example.org/hooks/trio"));

        assertThat(created.code()).isEqualTo(201);
        assertThat(((SubscriptionController.SubscriptionAnswer) created.body()).webhookUrl()).isEqualTo("https://chat.example.org/hooks/trio");
        assertThat(((Subscription) kafka.history().get(0).value()).getWebhookUrl()).isEqualTo("https://chat.example.org/hooks/trio");
    }

    @Test
    void shouldRefuseAFieldOverItsCapNamingItRatherThanLetKafkaRefuseTheRecordAsTooLarge() {
        String body = "{\"kind\": \"theme\", \"product\": \"" + "p".repeat(SubscriptionController.MAX_NAME + 1) + "\","
                + " \"theme\": \"" + "t".repeat(300) + "\", \"audience\": \"" + "a".repeat(5000) + "\","
                + " \"webhookUrl\": \"https://chat.example.org/" + "h".repeat(SubscriptionController.MAX_WEBHOOK_URL) + "\","
                + " \"secret\": \"" + "s".repeat(SubscriptionController.MAX_SECRET + 1) + "\"}";

        HttpResponse<?> refused = controller(kafka).create(body);

        assertThat(refused.code()).isEqualTo(422);
        List<Problem.FieldError> errors = problem(refused).errors();
        assertThat(errors).extracting(Problem.FieldError::field).containsExactly("product", "theme", "webhookUrl", "secret", "audience");
        assertThat(errors.subList(0, 4)).allSatisfy(e -> assertThat(e.reason()).contains("at most"));
        assertThat(errors).as("a reason does not repeat a long value back").allSatisfy(e -> assertThat(e.reason()).hasSizeLessThan(200));
        assertThat(kafka.history()).as("nothing kept").isEmpty();
    }

    @Test
    void shouldRefuseAFieldItDoesNotKnowOrOneOfAnotherKindRatherThanDropIt() {
        HttpResponse<?> misspelt = controller(kafka).create(
                "{\"kind\": \"weekly\", \"product\": \"ledger\", \"audeince\": \"exec\", \"webhookUrl\": \"https://chat.example.org/h\"}");
        HttpResponse<?> themeOnWeekly = controller(kafka).create(
                "{\"kind\": \"weekly\", \"product\": \"ledger\", \"theme\": \"csv export\", \"releaseId\": \"ledger-4.3.0\","
                        + " \"webhookUrl\": \"https://chat.example.org/h\"}");
        HttpResponse<?> blankOfAForm = controller(kafka).create(
                "{\"kind\": \"weekly\", \"product\": \" ledger \", \"theme\": \"\", \"releaseId\": null, \"webhookUrl\": \"https://chat.example.org/h\"}");

        assertThat(misspelt.code()).isEqualTo(422);
        assertThat(problem(misspelt).errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("audeince");
            assertThat(e.reason()).isEqualTo("is not a field of a subscription: kind, product, releaseId, theme, audience, webhookUrl, payload, secret");
        });
        assertThat(themeOnWeekly.code()).isEqualTo(422);
        assertThat(problem(themeOnWeekly).errors()).extracting(Problem.FieldError::field).containsExactly("theme", "releaseId");
        assertThat(problem(themeOnWeekly).errors().get(0).reason()).isEqualTo("is for a theme subscription only, and this one is 'weekly'");
        assertThat(blankOfAForm.code()).as("blank fields of another kind, as a form sends them, are not given").isEqualTo(201);
        assertThat(kafka.history()).singleElement().satisfies(r -> assertThat(((Subscription) r.value()).getProduct()).isEqualTo("ledger"));
    }

    @Test
    void shouldTakeAFieldAtItsCap() {
        String body = "{\"kind\": \"weekly\", \"product\": \"" + "p".repeat(SubscriptionController.MAX_NAME) + "\","
                + " \"webhookUrl\": \"https://chat.example.org/hooks/trio\", \"secret\": \"" + "s".repeat(SubscriptionController.MAX_SECRET) + "\"}";

        assertThat(controller(kafka).create(body).code()).isEqualTo(201);
    }

    @Test
    void shouldAnswer503WithRetryAfterWhenTheSchemaRegistryDoesNotAnswer() throws Exception {
        try (LocalReceiver registry = LocalReceiver.answering(503, "{\"error_code\": 50003, \"message\": \"registry unavailable\"}")) {
            AvroSerializer<SpecificRecord> values = new AvroSerializer<>(new SchemaRegistryClient(registry.url("")), false);
            MockProducer<String, SpecificRecord> registryDown = new MockProducer<String, SpecificRecord>(true, null, new StringSerializer(), values) {
                @Override
                public synchronized Future<RecordMetadata> send(ProducerRecord<String, SpecificRecord> record, Callback callback) {
                    values.serialize(record.topic(), record.value()); // as KafkaProducer.send does, before anything is sent
                    return super.send(record, callback);
                }
            };

            HttpResponse<?> unavailable = controller(registryDown).create(weekly("https://chat.example.org/hooks/trio"));

            assertThat(unavailable.code()).isEqualTo(503);
            assertThat(unavailable.getHeaders().get("Retry-After")).isEqualTo("5");
            assertThat(unavailable.getContentType()).hasValueSatisfying(t -> assertThat(t.toString()).startsWith(Problem.MEDIA_TYPE));
            assertThat(problem(unavailable).title()).isEqualTo("Schema registry unavailable");
            assertThat(problem(unavailable).detail()).contains("subscriptions").contains("may still be made");
        }
    }

    @Test
    void shouldMakeASubscriptionSentAgainUnderItsIdempotencyKeyOnce() {
        // the tables hold what was written, as they do a moment after each write
        ThemeWindowsView tables = new ThemeWindowsView((org.apache.kafka.streams.KafkaStreams) null) {
            @Override
            public Subscription subscription(String id) {
                return kafka.history().stream().filter(r -> r.topic().equals("subscriptions") && r.key().equals(id))
                        .map(r -> (Subscription) r.value()).reduce((first, last) -> last).orElse(null);
            }
        };
        SubscriptionController controller = new SubscriptionController(tables, new ReadingProducer(kafka), new ReadingSettings());
        String body = weekly("https://chat.example.org/hooks/trio");

        HttpResponse<?> first = controller.create(body, List.of("weekly-ledger-1"));
        HttpResponse<?> again = controller.create(body, List.of("weekly-ledger-1"));
        HttpResponse<?> otherSubscription = controller.create(weekly("https://chat.example.org/hooks/exec"), List.of("weekly-ledger-1"));
        HttpResponse<?> noKey = controller.create(body);
        HttpResponse<?> twoKeys = controller.create(body, List.of("a", "b"));

        assertThat(List.of(first.code(), again.code(), otherSubscription.code(), noKey.code())).containsOnly(201);
        SubscriptionController.SubscriptionAnswer made = (SubscriptionController.SubscriptionAnswer) first.body();
        assertThat((SubscriptionController.SubscriptionAnswer) again.body()).as("the same answer, its secret too").isEqualTo(made);
        assertThat(((SubscriptionController.SubscriptionAnswer) otherSubscription.body()).subscriptionId()).isNotEqualTo(made.subscriptionId());
        assertThat(kafka.history()).as("written once, then the other subscription and the one without a key").hasSize(3);
        assertThat(twoKeys.code()).isEqualTo(422);
        assertThat(problem(twoKeys).errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("Idempotency-Key");
            assertThat(e.reason()).isEqualTo("is given 2 times: send one, the same on every retry");
        });
    }

    @Test
    void shouldAnswerARetryUnderTheSameKeyWithTheFirstSecretWhileTheTableDoesNotShowTheFirstYet() {
        // a table further behind the topic than a creation waits for it (its broker slow, its start still reading)
        ThemeWindowsView lagging = new ThemeWindowsView((org.apache.kafka.streams.KafkaStreams) null) {
            @Override
            public Subscription subscription(String id) {
                return null;
            }
        };
        SubscriptionController controller = new SubscriptionController(lagging, new ReadingProducer(kafka), new ReadingSettings());
        String body = weekly("https://chat.example.org/hooks/trio");

        HttpResponse<?> first = controller.create(body, List.of("weekly-ledger-2"));
        HttpResponse<?> retry = controller.create(body, List.of("weekly-ledger-2"));

        assertThat(List.of(first.code(), retry.code())).containsOnly(201);
        assertThat((SubscriptionController.SubscriptionAnswer) retry.body()).as("the same answer, its secret too")
                .isEqualTo(first.body());
        assertThat(kafka.history()).as("written once").hasSize(1);
    }

    @Test
    void shouldRefuseHalfOfASurrogatePairWhichNoSignatureOrThemeCouldMatchOnceStored() {
        HttpResponse<?> refused = controller(kafka).create("{\"kind\": \"theme\", \"product\": \"ledger\", \"theme\": \"csv \\ud83d\", "
                + "\"secret\": \"0123456789abcdef\\ud800\", \"webhookUrl\": \"https://chat.example.org/h\"}");

        assertThat(refused.code()).isEqualTo(422);
        assertThat(problem(refused).errors()).extracting(Problem.FieldError::field).containsExactlyInAnyOrder("theme", "secret");
        assertThat(problem(refused).errors().get(0).reason()).startsWith("holds half of a UTF-16 surrogate pair");
        assertThat(kafka.history()).as("nothing kept").isEmpty();
    }

    @Test
    void shouldSayASubscriptionWhoseWriteTimedOutMayStillBeMade() {
        MockProducer<String, SpecificRecord> away = new MockProducer<String, SpecificRecord>(true, null, new StringSerializer(),
                (topic, value) -> {
                    throw new org.apache.kafka.common.errors.TimeoutException("Kafka away");
                });

        Problem unkeyed = problem(controller(away).create(weekly("https://chat.example.org/hooks/trio")));
        Problem keyed = problem(controller(away).create(weekly("https://chat.example.org/hooks/trio"), List.of("k-1")));

        assertThat(unkeyed.detail()).contains("may still be made").contains("GET /v1/subscriptions").contains("Idempotency-Key");
        assertThat(keyed.detail()).endsWith("send it again with the same Idempotency-Key: it is made once");
    }

    static Problem problem(HttpResponse<?> response) {
        return (Problem) response.body();
    }

    @Test
    void shouldListAWebhookByItsOriginOnlyAsItsPathIsTheChannelsCredential() {
        Subscription chat = Subscription.newBuilder().setSubscriptionId("s1").setKind("weekly").setProduct("ledger").setAudience("trio")
                .setWebhookUrl("https://hooks.chat.example.org/services/T0001/B0002/s3cr3tT0k3n").setPayload("chat")
                .setSecret("0123456789abcdef0123").setCreatedAt(java.time.Instant.parse("2026-11-24T02:20:00Z")).build();

        SubscriptionController.SubscriptionAnswer listed = SubscriptionController.SubscriptionAnswer.of(chat, false);
        SubscriptionController.SubscriptionAnswer created = SubscriptionController.SubscriptionAnswer.of(chat, true);

        assertThat(listed.webhookUrl()).isEqualTo("https://hooks.chat.example.org/…");
        assertThat(listed.secret()).isNull();
        assertThat(created.webhookUrl()).isEqualTo(chat.getWebhookUrl());
        assertThat(SubscriptionController.SubscriptionAnswer.shownUrl("http://user:pw@127.0.0.1:8090/hook?token=abc"))
                .isEqualTo("http://127.0.0.1:8090/…");
        assertThat(SubscriptionController.SubscriptionAnswer.shownUrl("https://receiver.example.org")).isEqualTo("https://receiver.example.org/");
    }
}
