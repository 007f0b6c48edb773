package org.ticketpipeline.reading;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One signed call to a subscriber's webhook, bounded as a whole by the webhook timeout: the request's
 * own timeout stops at the answer's headers, so a receiver that sends them and then never its body (or
 * drips it) would hold the delivery round, and every other subscriber's reading, for ever. Whatever goes
 * wrong comes back as the attempt's reason, never as an exception: a call that throws would be tried
 * again every round and never recorded as dead.
 */
final class WebhookCall {

    private final HttpClient http;
    private final Duration timeout;
    private final boolean privateHosts;
    private final WebhookHosts.Resolver resolver;

    /** A caller of public hosts only. */
    WebhookCall(Duration timeout) {
        this(timeout, false);
    }

    /** With {@code privateHosts}, also of loopback and private ones ({@code reading.webhook-private-hosts}). */
    WebhookCall(Duration timeout, boolean privateHosts) {
        this(timeout, privateHosts, java.net.InetAddress::getAllByName);
    }

    /** Looking its hosts up with {@code resolver}: a test's. */
    WebhookCall(Duration timeout, boolean privateHosts, WebhookHosts.Resolver resolver) {
        this.timeout = timeout;
        this.privateHosts = privateHosts;
        this.resolver = resolver;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * Whether a receiver's answer will stay the same however often the call is made again: any 4xx but
     * 408 (timeout), 425 (too early) and 429 (too many requests). A 404 or 410 says the hook is gone, a 401
     * or 403 that it does not take this secret: calling again within the round only delays the others.
     */
    static boolean lasting(int status) {
        return status >= 400 && status < 500 && status != 408 && status != 425 && status != 429;
    }

    /** What one call came to: null when the receiver answered 2xx, body and all, within the timeout; else what went wrong. */
    record Answer(String error, boolean lasting) {
        static final Answer OK = new Answer(null, false);

        static Answer failed(String error) {
            return new Answer(error, false);
        }
    }

    /** Null when the receiver answered 2xx, body and all, within the timeout; else what went wrong. */
    String post(String url, String secret, String idempotencyKey, String body) {
        return call(url, secret, idempotencyKey, body).error();
    }

    /** As {@link #post}, saying also whether a failure would fail the same way however often the call is made again. */
    Answer call(String url, String secret, String idempotencyKey, String body) {
        long deadline = System.nanoTime() + timeout.toNanos();
        WebhookHosts.Lookup host = WebhookHosts.lookup(url, privateHosts, timeout, resolver);
        if (host.refused() != null) {
            return new Answer("not called: " + host.refused(), true);
        }
        if (host.late()) {
            // a later round looks again: a zone's servers silent for a while is no reason to give up on the reading
            return Answer.failed("not called: the webhook's host did not resolve within " + spoken(timeout));
        }
        HttpRequest request;
        try {
            long timestamp = Instant.now().getEpochSecond();
            // no request timeout: it would end at the answer's headers, and race the bound below
            request = HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .header("X-Timestamp", String.valueOf(timestamp))
                    .header("X-Signature", WebhookSigner.sign(secret, timestamp, body))
                    .header("X-Signature-V2", WebhookSigner.signWithKey(secret, timestamp, idempotencyKey, body))
                    .header("Idempotency-Key", idempotencyKey)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build();
        } catch (IllegalArgumentException e) { // a URL or header the client refuses: no attempt will do better
            return new Answer("cannot call the webhook: " + e.getMessage(), true);
        }
        CompletableFuture<HttpResponse<Void>> answer;
        try {
            // the body is discarded as it comes: the status is all a delivery needs, but a 2xx whose body
            // never ends is an answer that never came
            answer = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        } catch (IllegalArgumentException e) {
            return new Answer(reason(e, url), true);
        }
        try {
            // what the lookup took is part of the bound: a call is bounded as a whole
            HttpResponse<Void> response = answer.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            int status = response.statusCode();
            if (status / 100 == 3) {
                URI called = response.uri();
                // not followed: a redirect could lead anywhere the subscription's host check never saw; the same
                // answer comes every time, so the subscription is what to change
                return new Answer("receiver answered " + status + ", a redirect, not followed: subscribe with the URL it points to"
                        + response.headers().firstValue("Location").map(l -> " (" + SubscriptionController.SubscriptionAnswer.shownUrl(
                                resolved(called, l)) + ")").orElse(""), true);
            }
            return status / 100 == 2 ? Answer.OK : new Answer("receiver answered " + status, lasting(status));
        } catch (TimeoutException e) {
            answer.cancel(true); // aborts the exchange: nothing of a stalled call lingers into the next attempt
            return Answer.failed("no answer within " + spoken(timeout));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            // the client's refusal of a URL it was given (a port out of range) comes back this way too
            return new Answer(reason(cause, url), cause instanceof IllegalArgumentException);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return Answer.failed("interrupted");
        }
    }

    /** A redirect's Location as a whole URL: "/hook/" is the receiver's own host's. */
    static String resolved(URI called, String location) {
        try {
            // "http://h" with no path resolves "hook" to "http://hhook": from the root, as a browser does
            return (called.getRawPath() == null || called.getRawPath().isEmpty() ? called.resolve("/") : called).resolve(location).toString();
        } catch (IllegalArgumentException e) {
            return location;
        }
    }

    /**
     * The client's own failures, a port out of range among them, said as the failed attempt's reason. The client
     * gives a refused or unreachable connection no message: "ConnectException" alone did not say to what.
     */
    static String reason(Throwable e, String url) {
        if (e instanceof java.net.ConnectException) {
            return "cannot connect to " + SubscriptionController.SubscriptionAnswer.shownUrl(url) + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** "5 s" rather than "PT5S": the reason is read by a person at GET /v1/subscriptions/{id}/deliveries. */
    static String spoken(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
