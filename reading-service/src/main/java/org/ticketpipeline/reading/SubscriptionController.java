package org.ticketpipeline.reading;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.ticketpipeline.schemas.json.RequestText;
import org.ticketpipeline.schemas.Delivery;
import org.ticketpipeline.schemas.Subscription;
import org.ticketpipeline.schemas.json.IdempotencyKey;
import org.ticketpipeline.schemas.json.OneLine;
import org.ticketpipeline.schemas.topic.ThemeWindowKeys;

/**
 * Subscriptions to readings, kept in a compacted Kafka topic so they survive restarts:
 * {@code POST /v1/subscriptions}, {@code GET /v1/subscriptions[/{id}]}, {@code DELETE /v1/subscriptions/{id}},
 * and {@code GET /v1/subscriptions/{id}/deliveries} (delivered readings and dead letters).
 */
@Controller("/v1/subscriptions")
@ExecuteOn(TaskExecutors.BLOCKING)
class SubscriptionController {

    private static final Set<String> KINDS = Set.of("weekly", "release", "theme");
    /** A subscription's fields, in the order the refusal of another names them. */
    static final List<String> FIELDS = List.of("kind", "product", "releaseId", "theme", "audience", "webhookUrl", "payload", "secret");
    /** How long a creation or a deletion waits to be seen by the next GET or DELETE: the table follows the topic. */
    static final java.time.Duration SEEN_WITHIN = java.time.Duration.ofSeconds(5);
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * The longest values taken. Without caps a megabyte-long field makes a record Kafka refuses as too
     * large, which reads as "Kafka unavailable, retry" for ever. A URL past 2,048 characters is not one
     * servers take; an HMAC key gains nothing past its hash's block; a product, release or theme is a name
     * read in a line of a reading.
     */
    static final int MAX_WEBHOOK_URL = 2048;
    static final int MAX_SECRET = 512;
    static final int MAX_NAME = org.ticketpipeline.schemas.json.OneLine.MAX_LENGTH;
    /** How much of a refused value a reason repeats. */
    private static final int SHOWN = 60;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SubscriptionController.class);
    private final ThemeWindowsView view;
    private final ReadingProducer producer;
    private final ReadingSettings settings;

    SubscriptionController(ThemeWindowsView view, ReadingProducer producer, ReadingSettings settings) {
        this.view = view;
        this.producer = producer;
        this.settings = settings;
    }

    /** What a subscriber sends. */
    @Serdeable
    record SubscriptionRequest(String kind, String product, String releaseId, String theme, String audience, String webhookUrl, String payload,
                               String secret) {

        /** Read from a JSON object field by field, so a field of the wrong type is named with its reason. */
        static SubscriptionRequest of(JsonNode json, List<Problem.FieldError> errors) {
            return new SubscriptionRequest(JsonBody.text(json, "kind", errors), JsonBody.text(json, "product", errors),
                    JsonBody.text(json, "releaseId", errors), JsonBody.text(json, "theme", errors), JsonBody.text(json, "audience", errors),
                    JsonBody.text(json, "webhookUrl", errors), JsonBody.text(json, "payload", errors), JsonBody.text(json, "secret", errors));
        }
    }

    /** A subscription as answered; the secret only once, at creation. */
    @Serdeable
    record SubscriptionAnswer(String subscriptionId, String kind, String product, String releaseId, String theme, String audience,
                              String webhookUrl, String payload, String secret, Instant createdAt, String note) {
        /** @param asCreated the answer to the creation, the one that shows the secret and the whole webhook URL */
        static SubscriptionAnswer of(Subscription s, boolean asCreated) {
            return new SubscriptionAnswer(s.getSubscriptionId(), s.getKind(), s.getProduct(), s.getReleaseId(), s.getTheme(), s.getAudience(),
                    asCreated ? s.getWebhookUrl() : shownUrl(s.getWebhookUrl()),
                    s.getPayload(), asCreated ? s.getSecret() : null, s.getCreatedAt(), null);
        }

        SubscriptionAnswer noting(String note) {
            return new SubscriptionAnswer(subscriptionId, kind, product, releaseId, theme, audience, webhookUrl, payload, secret, createdAt, note);
        }

        /**
         * A webhook URL as the listings show it: its scheme, host and port. A chat webhook's path (and many
         * receivers' query) is its credential: whoever reads it can post to the channel, and the listings
         * are open to any caller of the service.
         */
        static String shownUrl(String url) {
            try {
                URI uri = new URI(url);
                String origin = uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
                boolean more = uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/") || uri.getRawQuery() != null;
                return origin + (more ? "/…" : "/");
            } catch (URISyntaxException | RuntimeException e) {
                return "…";
            }
        }
    }

    /** Subscribes a webhook to a product's weekly reading, a release's readings, or a theme's rise. */
    // the body is taken as bytes and read here: bound to the record, a malformed body or a field of the
    // wrong type would get the framework's error body instead of a problem naming the field; and decoded as
    // text by the framework, a byte not in UTF-8 became a replacement character without a word
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SubscriptionRequest.class)))
    @io.swagger.v3.oas.annotations.Parameter(name = IdempotencyKey.HEADER, in = io.swagger.v3.oas.annotations.enums.ParameterIn.HEADER,
            description = "names the subscription, so that sending it again (after a timeout or a 503) makes it once; one line, at most 200 characters")
    HttpResponse<?> create(HttpRequest<byte[]> request) {
        String body;
        try {
            body = RequestText.of(request.getBody().orElse(new byte[0]), request.getHeaders().get("Content-Type"));
        } catch (RequestText.Unreadable e) {
            return Problem.response(HttpStatus.valueOf(e.status()), e.title(), e.getMessage());
        }
        return create(body, request.getHeaders().getAll(IdempotencyKey.HEADER));
    }

    /** A subscription from its body's text, with no Idempotency-Key. */
    HttpResponse<?> create(@Nullable String body) {
        return create(body, List.of());
    }

    /** A subscription from its body's text and the Idempotency-Key headers sent with it, as the route reads them. */
    HttpResponse<?> create(@Nullable String body, List<String> keys) {
        JsonNode json;
        try {
            json = JsonBody.parse(body);
        } catch (JsonBody.MalformedJson e) {
            return e.response();
        }
        if (!json.isObject()) {
            return Problem.response(HttpStatus.BAD_REQUEST, "Not a subscription", "the body must be a JSON object");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        // a misspelt field ("audeince") would otherwise be dropped, and its default taken without a word
        json.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                errors.add(new Problem.FieldError(name.length() <= SHOWN ? name : name.substring(0, SHOWN) + "…",
                        "is not a field of a subscription: " + String.join(", ", FIELDS)));
            }
        });
        SubscriptionRequest request = SubscriptionRequest.of(json, errors);
        // said first, so that a value over its cap is refused for its length, not echoed whole in another reason
        atMost("product", request.product(), MAX_NAME, errors);
        atMost("releaseId", request.releaseId(), MAX_NAME, errors);
        atMost("theme", request.theme(), MAX_NAME, errors);
        atMost("webhookUrl", request.webhookUrl(), MAX_WEBHOOK_URL, errors);
        atMost("secret", request.secret(), MAX_SECRET, errors);
        if (!KINDS.contains(String.valueOf(request.kind()))) {
            errors.add(new Problem.FieldError("kind", request.kind() == null ? "is required: weekly, release or theme"
                    : shown(request.kind()) + " is not one of weekly / release / theme"));
        }
        if ("theme".equals(request.kind()) && (request.theme() == null || request.theme().isBlank())) {
            errors.add(new Problem.FieldError("theme", "is required for a theme subscription"));
        }
        if ("release".equals(request.kind()) && (request.releaseId() == null || request.releaseId().isBlank())) {
            errors.add(new Problem.FieldError("releaseId", "is required for a release subscription"));
        }
        if (request.product() == null || request.product().isBlank()) {
            errors.add(new Problem.FieldError("product", "is required"));
        } else if (request.product().indexOf(ThemeWindowKeys.SEPARATOR) >= 0) {
            // the ingest refuses such a product: no reading would ever come
            errors.add(new Problem.FieldError("product", "must not hold '|', which separates the parts of a theme window's key"));
        } else {
            oneLine("product", request.product(), errors); // refused by the ingest too
        }
        oneLine("releaseId", request.releaseId(), errors);
        oneLine("theme", request.theme(), errors);
        // a field of another kind would be dropped: a weekly subscription with a theme gets every theme
        if (!"theme".equals(request.kind()) && request.theme() != null && !request.theme().isBlank()) {
            errors.add(new Problem.FieldError("theme", "is for a theme subscription only, and this one is " + shown(String.valueOf(request.kind()))));
        }
        if (!"release".equals(request.kind()) && request.releaseId() != null && !request.releaseId().isBlank()) {
            errors.add(new Problem.FieldError("releaseId", "is for a release subscription only, and this one is "
                    + shown(String.valueOf(request.kind()))));
        }
        String audience = request.audience() == null ? "trio" : request.audience();
        if (!ReadingText.AUDIENCES.contains(audience)) {
            errors.add(new Problem.FieldError("audience", shown(audience) + " is not one of trio / exec / squad"));
        }
        String payload = request.payload() == null ? "json" : request.payload();
        if (!payload.equals("json") && !payload.equals("chat")) {
            errors.add(new Problem.FieldError("payload", shown(payload) + " is not one of json / chat"));
        }
        String webhookProblem = webhookUrlProblem(request.webhookUrl(), settings.isWebhookPrivateHosts());
        if (webhookProblem != null) {
            errors.add(new Problem.FieldError("webhookUrl", webhookProblem));
        }
        if (request.secret() != null && request.secret().length() < 16) {
            errors.add(new Problem.FieldError("secret", "must be at least 16 characters (or leave it out and one is made)"));
        }
        String releaseId = "release".equals(request.kind()) && request.releaseId() != null ? request.releaseId().strip() : null;
        ReleaseLookup release = ReleaseLookup.of(view, releaseId);
        String otherProduct = request.product() == null ? null : release.ofAnotherProduct(request.product().strip());
        if (otherProduct != null) {
            errors.add(new Problem.FieldError("product", otherProduct));
        }
        String keyProblem = IdempotencyKey.problem(keys);
        if (keyProblem != null) {
            errors.add(new Problem.FieldError(IdempotencyKey.HEADER, keyProblem));
        }
        if (!errors.isEmpty()) {
            return Problem.response(HttpStatus.UNPROCESSABLE_ENTITY, "Subscription not valid", "the subscription is not valid: see errors",
                    firstPerField(errors));
        }
        String subscriptionId = keys.isEmpty() ? UUID.randomUUID().toString()
                : keyed(keys.get(0), request.kind(), request.product().strip(), releaseId, request.theme(), audience, request.webhookUrl(), payload,
                request.secret());
        if (keys.isEmpty()) {
            return write(request, subscriptionId, releaseId, audience, payload, release, false, null);
        }
        // one keyed request at a time per id: a retry sent while the first is still being written waits for it
        synchronized (KEYED_LOCKS[Math.floorMod(subscriptionId.hashCode(), KEYED_LOCKS.length)]) {
            writtenHere.keySet().removeIf(id -> madeBefore(id) != null);
            Subscription made = madeBefore(subscriptionId);
            Written mine = writtenHere.get(subscriptionId);
            if (made == null && mine != null && mine.acknowledged()) {
                made = mine.subscription();
            }
            if (made != null) {
                // the same subscription sent again under its key, its first answer lost: the same answer, nothing written twice
                return HttpResponse.created(SubscriptionAnswer.of(made, true), URI.create("/v1/subscriptions/" + subscriptionId));
            }
            return write(request, subscriptionId, releaseId, audience, payload, release, true, mine == null ? null : mine.subscription());
        }
    }

    /**
     * Keyed subscriptions this process wrote, or tried to, that its table does not show yet (it follows the topic a
     * moment behind): a retry meanwhile gets the first one's answer and secret, not a second secret written over the
     * first, whose holder would then fail every signature check; one whose write Kafka did not acknowledge is written
     * again as it was.
     */
    private final Map<String, Written> writtenHere = new java.util.concurrent.ConcurrentHashMap<>();

    private record Written(Subscription subscription, boolean acknowledged) {
    }

    private static final Object[] KEYED_LOCKS = java.util.stream.IntStream.range(0, 64).mapToObj(i -> new Object()).toArray();

    /**
     * Writes the subscription, or the one a keyed request wrote before ({@code before}, not acknowledged), and answers
     * with it once the table shows it.
     */
    private HttpResponse<?> write(SubscriptionRequest request, String subscriptionId, String releaseId, String audience, String payload,
                                  ReleaseLookup release, boolean keyed, Subscription before) {
        byte[] secret = new byte[24];
        RANDOM.nextBytes(secret);
        Subscription subscription = before != null ? before : Subscription.newBuilder()
                .setSubscriptionId(subscriptionId)
                .setKind(request.kind())
                .setReleaseId(releaseId)
                .setTheme("theme".equals(request.kind()) ? request.theme().strip() : null)
                .setProduct(request.product().strip())
                .setAudience(audience)
                .setWebhookUrl(withLowerCaseScheme(request.webhookUrl()))
                .setPayload(payload)
                .setSecret(request.secret() != null ? request.secret() : HexFormat.of().formatHex(secret))
                .setCreatedAt(Instant.now())
                .build();
        if (keyed) {
            writtenHere.put(subscriptionId, new Written(subscription, false));
        }
        try {
            producer.send(settings.getSubscriptionsTopic(), subscription.getSubscriptionId(), subscription);
            if (keyed) {
                writtenHere.put(subscriptionId, new Written(subscription, true));
            }
        } catch (ReadingProducer.NotWritten e) {
            // a write that timed out may still land: a retry without a key could make the subscription twice, and each
            // reading would be sent twice under two ids a receiver cannot tell for one
            return Problem.response(HttpStatus.SERVICE_UNAVAILABLE, e.title(), e.getMessage() + (!keyed
                    ? "; the subscription may still be made (a write that timed out can land): look for it at GET /v1/subscriptions before "
                    + "sending it again, or send it with an Idempotency-Key header, the same on every try, and it is made once"
                    : "; send it again with the same Idempotency-Key: it is made once")).header("Retry-After", "5");
        }
        String id = subscription.getSubscriptionId();
        seenWithin(() -> view.subscription(id) != null);
        String note = unknownProduct(subscription.getProduct());
        if (note == null && subscription.getTheme() != null) {
            note = unknownTheme(subscription.getProduct(), subscription.getTheme(), Instant.now());
        }
        return HttpResponse.created(SubscriptionAnswer.of(subscription, true).noting(note != null ? note : release.unknown()),
                URI.create("/v1/subscriptions/" + id));
    }

    /** The subscription a keyed request made before, or null: none, or the tables are loading (it is written again, the same id). */
    private Subscription madeBefore(String subscriptionId) {
        try {
            return view.subscription(subscriptionId);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * A subscription's id from its Idempotency-Key and what it asks for: the same subscription sent again has the
     * same id, and is made once; another sent under a key used before is another subscription, not taken for the
     * first one's repeat.
     */
    static String keyed(String key, String... fields) {
        StringBuilder content = new StringBuilder(key);
        for (String field : fields) {
            content.append('\u0000').append(field);
        }
        return UUID.nameUUIDFromBytes(content.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString();
    }

    /**
     * The watch of the release a subscription names, looked up once: none when it names no release or no watch
     * knows it yet; not {@code looked} while the tables load (the rounds deliver by release id all the same).
     */
    private record ReleaseLookup(String releaseId, boolean looked, org.ticketpipeline.schemas.ReleaseWatch watch) {
        static ReleaseLookup of(ThemeWindowsView view, String releaseId) {
            if (releaseId == null) {
                return new ReleaseLookup(null, false, null);
            }
            try {
                return new ReleaseLookup(releaseId, true, view.watch(releaseId));
            } catch (RuntimeException e) {
                return new ReleaseLookup(releaseId, false, null);
            }
        }

        /** Why the subscription names the wrong product, or null: the release's watch is of another. */
        String ofAnotherProduct(String product) {
            return watch == null || watch.getProduct().equals(product) ? null
                    : "release '" + releaseId + "' is a release of " + watch.getProduct() + ", not of " + product;
        }

        /** What to say of a release no watch knows yet, or null: maybe a typo, maybe registered later. */
        String unknown() {
            return looked && watch == null ? "no watch of release '" + releaseId + "' yet (release ids are matched as written): "
                    + "its readings come once the release is registered with its handoff and watched" : null;
        }
    }

    /**
     * Waits, at most {@link #SEEN_WITHIN}, for the table to show a write just acknowledged: a GET of the new
     * subscription's Location, or a DELETE sent at once to undo a mistake, would otherwise find nothing.
     */
    private static void seenWithin(java.util.function.BooleanSupplier seen) {
        long until = System.nanoTime() + SEEN_WITHIN.toNanos();
        try {
            while (!seen.getAsBoolean() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) { // the table is being restored or has stopped: the write is taken all the same
            LOG.debug("could not wait for the subscriptions table: {}", e.toString());
        }
    }

    /** The weeks a theme's name is looked for: the windows' own retention, 90 days. */
    static final int WEEKS_A_THEME_IS_LOOKED_FOR = 13;

    /**
     * A note when no ticket of the product was themed so in the last weeks, or null: a theme is matched as the product
     * spells it (whatever the case), and a name typed differently ("csv export timeout") would never rise. Not refused:
     * a taxonomy theme may have no ticket yet.
     */
    private String unknownTheme(String product, String theme, Instant now) {
        try {
            Instant week = ThemeWindowKeys.Size.WEEK.startOf(now);
            for (int i = 0; i < WEEKS_A_THEME_IS_LOOKED_FOR; i++, week = week.minus(ThemeWindowKeys.Size.WEEK.length())) {
                if (view.themes(product, ThemeWindowKeys.Size.WEEK, week.toEpochMilli()).stream()
                        .anyMatch(w -> WeeklyDelivery.sameTheme(w.getTheme(), theme))) {
                    return null;
                }
            }
            return "no ticket of " + product + " was themed '" + theme.strip() + "' in the last " + WEEKS_A_THEME_IS_LOOKED_FOR
                    + " weeks (a theme is matched as the product names it, whatever the case): its readings start when one is";
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** What to say of a product no ticket has been counted for yet: maybe a typo ("Ledger" for "ledger"), maybe just new. */
    private String unknownProduct(String product) {
        try {
            return view.knows(product) ? null : "no ticket of product '" + product + "' has been counted yet (products are matched as "
                    + "written, capitals included): its readings start with its first ticket";
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Get
    HttpResponse<?> list() {
        try {
            return HttpResponse.ok(view.subscriptions().stream().map(s -> SubscriptionAnswer.of(s, false)).toList());
        } catch (InvalidStateStoreException e) {
            return loading();
        } catch (TablesStopped e) {
            return e.response();
        }
    }

    @Get("/{id}")
    HttpResponse<?> get(@PathVariable String id) {
        try {
            Subscription s = view.subscription(id);
            return s == null ? notFound(id) : HttpResponse.ok(SubscriptionAnswer.of(s, false));
        } catch (InvalidStateStoreException e) {
            return loading();
        } catch (TablesStopped e) {
            return e.response();
        }
    }

    @Get("/{id}/deliveries")
    HttpResponse<?> deliveries(@PathVariable String id) {
        try {
            List<Delivery> deliveries = view.deliveriesOf(id);
            if (deliveries.isEmpty() && view.subscription(id) == null) {
                return notFound(id);
            }
            return HttpResponse.ok(deliveries.stream().map(d -> new DeliveryAnswer(d.getDeliveryId(), d.getPeriod(), d.getStatus(),
                    d.getAttempts(), d.getLastError(), d.getAt(), d.getNextAttemptAt())).toList());
        } catch (InvalidStateStoreException e) {
            return loading();
        } catch (TablesStopped e) {
            return e.response();
        }
    }

    /** One delivered reading, one a later round calls again for ({@code nextAttemptAt}), or a dead letter. */
    @Serdeable
    record DeliveryAnswer(String deliveryId, String period, String status, int attempts, String lastError, Instant at, Instant nextAttemptAt) {
    }

    @Delete("/{id}")
    HttpResponse<?> delete(@PathVariable String id) {
        try {
            List<Delivery> deliveries = view.deliveriesOf(id);
            if (view.subscription(id) == null && deliveries.isEmpty()) {
                return notFound(id);
            }
            // the subscription first: its delivery records taken first, a failure before it went left a
            // subscription whose periods had no record, and the next round sent the person unsubscribing the
            // reading they had already had
            producer.send(settings.getSubscriptionsTopic(), id, null);
            writtenHere.remove(id); // made again under its key, it is written again
            // its deliveries go too: no route shows them once it is gone, and each keeps the body it sent, which
            // every start would read again. One not taken now is taken by the rounds' sweep of records whose
            // subscription is gone, or by this DELETE sent again
            try {
                for (Delivery delivery : deliveries) {
                    producer.send(settings.getDeliveriesTopic(), delivery.getDeliveryId(), null);
                }
            } catch (ReadingProducer.NotWritten e) {
                LOG.warn("subscription {} deleted; its delivery records are left to the next round's sweep: {}", id, e.getMessage());
            }
            seenWithin(() -> view.subscription(id) == null);
            return HttpResponse.noContent();
        } catch (InvalidStateStoreException e) {
            return loading();
        } catch (TablesStopped e) {
            return e.response();
        } catch (ReadingProducer.NotWritten e) {
            return Problem.response(HttpStatus.SERVICE_UNAVAILABLE, e.title(), e.getMessage()).header("Retry-After", "5");
        }
    }

    /** A field of the wrong type is read as absent: say its type, not again that it is missing. */
    private static Problem.FieldError[] firstPerField(List<Problem.FieldError> errors) {
        Map<String, Problem.FieldError> first = new LinkedHashMap<>();
        errors.forEach(e -> first.putIfAbsent(e.field(), e));
        return first.values().toArray(Problem.FieldError[]::new);
    }

    /** How long a subscription's webhook host is given to resolve before it is taken unchecked (each call checks it). */
    private static final java.time.Duration RESOLVE_WITHIN = java.time.Duration.ofSeconds(2);

    /**
     * Why a webhook URL cannot be called, or null when it can: absolute, http or https in any case (a scheme
     * is case-insensitive: HTTPS://... is an https URL), with a host, a port a socket can have, and an address
     * {@link WebhookHosts} lets be called. A port out of range would pass here and fail every delivery attempt.
     */
    static String webhookUrlProblem(String url, boolean privateHosts) {
        if (url == null) {
            return "must be an absolute http or https URL";
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return "must be an absolute http or https URL: " + e.getReason();
        }
        if (!uri.isAbsolute() || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            return "must be an absolute http or https URL";
        }
        if (uri.getHost() == null) {
            // "chat_bridge", a container's name: a URL's host name holds letters, digits, '-' and '.', and no HTTP client calls it
            return uri.getRawAuthority() == null ? "must be an absolute http or https URL with a host"
                    : "host '" + uri.getRawAuthority().replaceFirst("^.*@", "") + "' cannot be called: a host name holds letters, digits, "
                    + "'-' and '.' only (no '_'; a name in another script in its punycode, xn--...); give its address or another name";
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65535)) {
            return "port " + uri.getPort() + " is out of range: a port is 1 to 65535";
        }
        // said now rather than as a dead delivery; a name that resolves later or elsewhere is checked again at each call
        return WebhookHosts.refusedWithin(url, privateHosts, RESOLVE_WITHIN);
    }

    /** The URL as given, its scheme in lower case, as the HTTP client and every log compare it. */
    static String withLowerCaseScheme(String url) {
        int colon = url.indexOf(':');
        return url.substring(0, colon).toLowerCase(Locale.ROOT) + url.substring(colon);
    }

    private static void oneLine(String field, String value, List<Problem.FieldError> errors) {
        String problem = value == null ? null : OneLine.problem(value);
        if (problem != null) {
            errors.add(new Problem.FieldError(field, problem));
        }
    }

    private static void atMost(String field, String value, int max, List<Problem.FieldError> errors) {
        if (value != null && value.length() > max) {
            errors.add(new Problem.FieldError(field, "is " + value.length() + " characters long; at most " + max + " are taken"));
        }
    }

    /** A refused value in quotes, cut short: a reason must not repeat a megabyte back. */
    private static String shown(String value) {
        return "'" + (value.length() <= SHOWN ? value : value.substring(0, SHOWN) + "…") + "'";
    }

    private static HttpResponse<?> notFound(String id) {
        return Problem.response(HttpStatus.NOT_FOUND, "No subscription", "no subscription '" + id + "'");
    }

    private static HttpResponse<?> loading() {
        return Problem.response(HttpStatus.SERVICE_UNAVAILABLE, "Still loading", "subscriptions are still being loaded from Kafka")
                .header("Retry-After", "2");
    }
}
