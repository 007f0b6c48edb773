package org.ticketpipeline.reading;

import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ticketpipeline.schemas.Delivery;
import org.ticketpipeline.schemas.Movement;
import org.ticketpipeline.schemas.Reading;
import org.ticketpipeline.schemas.ReadingKind;
import org.ticketpipeline.schemas.ReleaseWatch;
import org.ticketpipeline.schemas.Subscription;
import org.ticketpipeline.schemas.ThemeWindow;
import org.ticketpipeline.schemas.topic.ThemeWindowKeys;

/**
 * Delivers readings to subscribers: the weekly reading of the last complete week to every weekly
 * subscriber, a release's reading at 24 hours and at the close of its watch to every release
 * subscriber, and a theme's rise (an hour window new or rising) to every theme subscriber; once per
 * subscriber and period: a period is skipped when the {@code deliveries} topic already holds it (so a
 * restart neither repeats nor skips one). Each webhook call is signed ({@link WebhookSigner}) and
 * carries {@code Idempotency-Key: <subscription id>|<week>}; failures are retried with doubling
 * backoff, and after the last attempt the reading is kept as a dead letter, visible at
 * {@code GET /v1/subscriptions/{id}/deliveries}. Every reading made is also published on {@code readings}.
 */
@Singleton
class WeeklyDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(WeeklyDelivery.class);

    private final ThemeWindowsView view;
    private final ReadingProducer producer;
    private final ReadingSettings settings;
    private final JsonMapper json;
    private final HttpClient http;
    /** Periods handled by this process whose record may not have reached the global table yet. */
    private final Set<String> handled = new HashSet<>();

    WeeklyDelivery(ThemeWindowsView view, ReadingProducer producer, ReadingSettings settings, JsonMapper json) {
        this.view = view;
        this.producer = producer;
        this.settings = settings;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(settings.getWebhookTimeout()).build();
    }

    @Scheduled(fixedDelay = "${reading.delivery-interval:60s}", initialDelay = "${reading.delivery-interval:60s}")
    void deliverDue() {
        if (view.state() != KafkaStreams.State.RUNNING) {
            return;
        }
        Instant week = ThemeWindowKeys.Size.WEEK.startOf(Instant.now()).minus(ThemeWindowKeys.WEEK);
        String period = week.toString().substring(0, 10);
        for (Subscription subscription : view.subscriptions()) {
            try {
                if ("weekly".equals(subscription.getKind())) {
                    String deliveryId = subscription.getSubscriptionId() + "|" + period;
                    if (!isDone(deliveryId) && view.knows(subscription.getProduct())) {
                        deliver(subscription, week, period, deliveryId);
                        handled.add(deliveryId);
                    }
                } else if ("release".equals(subscription.getKind())) {
                    deliverReleaseReadings(subscription);
                } else if ("theme".equals(subscription.getKind())) {
                    deliverThemeSpike(subscription);
                }
            } catch (RuntimeException e) {
                LOG.warn("reading for subscription {} not handled, will try again: {}", subscription.getSubscriptionId(), e.getMessage());
            }
        }
    }

    private boolean isDone(String deliveryId) {
        return handled.contains(deliveryId) || view.delivery(deliveryId) != null;
    }

    /** The release reading at 24 hours and at the close of the watch, once each. */
    private void deliverReleaseReadings(Subscription subscription) {
        ReleaseWatch watch = view.watch(subscription.getReleaseId());
        if (watch == null) {
            return;
        }
        for (String period : List.of("24h", "final")) {
            boolean due = period.equals("24h") ? watch.getHoursSinceRelease() >= 24 : watch.getClosed();
            String deliveryId = subscription.getSubscriptionId() + "|" + period;
            if (!due || isDone(deliveryId)) {
                continue;
            }
            ReleaseReading reading = ReleaseReading.of(watch);
            String body = body(subscription, reading, reading.markdown());
            String readingId = watch.getReleaseId() + "|release|" + period;
            producer.send(settings.getReadingsTopic(), readingId, Reading.newBuilder()
                    .setReadingId(readingId).setKind(ReadingKind.RELEASE_WATCH).setProduct(watch.getProduct())
                    .setAudience(subscription.getAudience()).setPeriodStart(watch.getReleasedAt()).setPeriodEnd(watch.getWatchEndsAt())
                    .setLines(new java.util.ArrayList<>(reading.lines())).setMadeFrom(reading.madeFrom()).setGeneratedAt(Instant.now()).build());
            push(subscription, period, deliveryId, body);
            handled.add(deliveryId);
        }
    }

    /** A theme starting to rise (or new) in this hour or the last: pushed once per hour window. */
    private void deliverThemeSpike(Subscription subscription) {
        Instant hour = ThemeWindowKeys.Size.HOUR.startOf(Instant.now());
        for (Instant start : List.of(hour.minus(ThemeWindowKeys.HOUR), hour)) {
            ThemeWindow window = view.themes(subscription.getProduct(), ThemeWindowKeys.Size.HOUR, start.toEpochMilli()).stream()
                    .filter(w -> w.getTheme().equals(subscription.getTheme())).findFirst().orElse(null);
            String period = start.toString();
            String deliveryId = subscription.getSubscriptionId() + "|" + period;
            if (window == null || !(window.getMovement() == Movement.RISING || window.getMovement() == Movement.NEW) || isDone(deliveryId)) {
                continue;
            }
            String line = String.format(java.util.Locale.ROOT, "%s is %s in %s this hour (%d tickets, %d the hour before)%s",
                    window.getTheme(), window.getMovement().name().toLowerCase(java.util.Locale.ROOT), window.getProduct(), window.getVolume(),
                    window.getPreviousVolume(), window.getQuotes().isEmpty() ? "." : ": \"" + window.getQuotes().get(0) + "\"");
            String readingId = window.getProduct() + "|spike|" + window.getTheme() + "|" + period;
            producer.send(settings.getReadingsTopic(), readingId, Reading.newBuilder().setReadingId(readingId).setKind(ReadingKind.THEME_SPIKE)
                    .setProduct(window.getProduct()).setAudience(subscription.getAudience()).setPeriodStart(window.getWindowStart())
                    .setPeriodEnd(window.getWindowEnd()).setLines(List.of(line))
                    .setMadeFrom("theme-windows hour " + period + " of " + window.getProduct()).setGeneratedAt(Instant.now()).build());
            String body;
            try {
                body = "chat".equals(subscription.getPayload()) ? json.writeValueAsString(Map.of("text", line))
                        : json.writeValueAsString(Map.of("kind", "theme_spike", "product", window.getProduct(), "theme", window.getTheme(),
                        "hourStart", period, "lines", List.of(line)));
            } catch (IOException e) {
                throw new IllegalStateException("cannot write the reading as JSON", e);
            }
            push(subscription, period, deliveryId, body);
            handled.add(deliveryId);
        }
    }

    private void deliver(Subscription subscription, Instant week, String period, String deliveryId) {
        List<ThemeWindow> thisWeek = view.themes(subscription.getProduct(), ThemeWindowKeys.Size.WEEK, week.toEpochMilli());
        List<ThemeWindow> before = view.themes(subscription.getProduct(), ThemeWindowKeys.Size.WEEK, week.minus(ThemeWindowKeys.WEEK).toEpochMilli());
        WeeklyReading reading = WeeklyReading.of(subscription.getProduct(), week, week.plus(ThemeWindowKeys.WEEK), thisWeek, before)
                .forAudience(subscription.getAudience(), thisWeek, before);
        String body = body(subscription, reading, reading.markdown());
        producer.send(settings.getReadingsTopic(), readingId(reading, period), Reading.newBuilder()
                .setReadingId(readingId(reading, period)).setKind(ReadingKind.WEEKLY).setProduct(reading.product())
                .setAudience(reading.audience()).setPeriodStart(reading.weekStart()).setPeriodEnd(reading.weekEnd())
                .setLines(reading.lines()).setMadeFrom(reading.madeFrom()).setGeneratedAt(Instant.now()).build());
        push(subscription, period, deliveryId, body);
    }

    /** Posts with retries and records the delivery, or the dead letter. */
    private void push(Subscription subscription, String period, String deliveryId, String body) {
        int attempts = 0;
        String lastError = null;
        long backoff = settings.getRetryBackoff().toMillis();
        while (attempts < settings.getDeliveryAttempts()) {
            attempts++;
            lastError = post(subscription, deliveryId, body);
            if (lastError == null) {
                break;
            }
            if (attempts < settings.getDeliveryAttempts()) {
                sleep(backoff);
                backoff *= 2;
            }
        }
        String status = lastError == null ? "delivered" : "dead";
        if (lastError != null) {
            LOG.warn("weekly reading {} not delivered after {} attempts, kept as a dead letter: {}", deliveryId, attempts, lastError);
        }
        producer.send(settings.getDeliveriesTopic(), deliveryId, Delivery.newBuilder()
                .setDeliveryId(deliveryId).setSubscriptionId(subscription.getSubscriptionId()).setPeriod(period)
                .setStatus(status).setAttempts(attempts).setLastError(lastError).setBody(body).setAt(Instant.now()).build());
    }

    /** Null when the receiver answered 2xx, else what went wrong. */
    private String post(Subscription subscription, String deliveryId, String body) {
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(subscription.getWebhookUrl()))
                .timeout(settings.getWebhookTimeout())
                .header("Content-Type", "application/json")
                .header("X-Timestamp", String.valueOf(timestamp))
                .header("X-Signature", WebhookSigner.sign(subscription.getSecret(), timestamp, body))
                .header("Idempotency-Key", deliveryId)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status / 100 == 2 ? null : "receiver answered " + status;
        } catch (IOException e) {
            return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** The webhook's body: the reading as JSON, or for a chat hook {"text": its markdown}. */
    private String body(Subscription subscription, Object reading, String markdown) {
        try {
            return "chat".equals(subscription.getPayload())
                    ? json.writeValueAsString(Map.of("text", markdown))
                    : json.writeValueAsString(reading);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the reading as JSON", e);
        }
    }

    private static String readingId(WeeklyReading reading, String period) {
        return reading.product() + "|weekly|" + period + "|" + reading.audience();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
