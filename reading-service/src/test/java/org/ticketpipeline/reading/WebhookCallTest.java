package org.ticketpipeline.reading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One webhook call: whatever the receiver does, the attempt comes back, in time, with a reason when it failed. */
class WebhookCallTest {

    private static final String SECRET = "0123456789abcdef0123";
    /** Far beyond the call's own bound: a call that is not bounded fails the test instead of hanging it. */
    private static final long TEST_BOUND_SECONDS = 20;

    private final ExecutorService caller = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopCaller() {
        caller.shutdownNow();
    }

    private String attempt(WebhookCall call, String url) throws Exception {
        Future<String> attempt = caller.submit(() -> call.post(url, SECRET, "sub-1|2026-11-16", "{\"lines\":[]}"));
        return attempt.get(TEST_BOUND_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    void shouldCountAReceiverThatSendsItsHeadersButNeverItsBodyAsAFailedAttemptWithinTheTimeout() throws Exception {
        try (LocalReceiver stalling = LocalReceiver.stallingAfterHeaders()) {
            long started = System.nanoTime();

            String error = attempt(new WebhookCall(Duration.ofMillis(500), true), stalling.url("/hook"));

            assertThat(error).isEqualTo("no answer within 500 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void shouldBoundTheLookUpOfTheWebhooksHostByTheCallsTimeoutAndTryAgainLater() throws Exception {
        // a zone whose servers do not answer: the system's resolver would wait far longer than the call's bound
        WebhookHosts.Resolver silent = host -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new java.net.UnknownHostException(host);
        };
        long started = System.nanoTime();

        WebhookCall.Answer answer = caller.submit(() -> new WebhookCall(Duration.ofMillis(500), false, silent)
                .call("https://hooks.chat.example.org/hook", SECRET, "sub-1|2026-11-16", "{}")).get(TEST_BOUND_SECONDS, TimeUnit.SECONDS);

        assertThat(answer.error()).isEqualTo("not called: the webhook's host did not resolve within 500 ms");
        assertThat(answer.lasting()).as("a later round looks again").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void shouldLetOneReceiversSilentZoneHoldOneLookUpNotEveryOtherReceiversCall() throws Exception {
        java.util.concurrent.CountDownLatch zoneAnswers = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger silentLookUps = new java.util.concurrent.atomic.AtomicInteger();
        java.net.InetAddress publicAddress = java.net.InetAddress.getByAddress(new byte[] {93, (byte) 184, (byte) 216, 34});
        WebhookHosts.Resolver resolver = host -> {
            if (host.equals("hooks.silent-zone.example")) {
                silentLookUps.incrementAndGet();
                try {
                    zoneAnswers.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new java.net.InetAddress[] {publicAddress};
        };
        try {
            // one receiver's attempts of a round, and of the rounds after: more than there are resolver threads
            for (int attempt = 0; attempt < 6; attempt++) {
                assertThat(WebhookHosts.lookup("https://hooks.silent-zone.example/hook", false, Duration.ofMillis(100), resolver).late()).isTrue();
            }

            WebhookHosts.Lookup other = WebhookHosts.lookup("https://hooks.chat.example.org/hook", false, Duration.ofSeconds(2), resolver);

            assertThat(other.late()).as("another subscriber's host resolves: its call is made").isFalse();
            assertThat(other.refused()).isNull();
            assertThat(silentLookUps.get()).as("the silent name looked up once while that look-up lasts").isEqualTo(1);
        } finally {
            zoneAnswers.countDown();
        }
    }

    @Test
    void shouldCountAPortOutOfRangeAsAFailedAttemptWithItsReasonRatherThanThrow() throws Exception {
        String error = attempt(new WebhookCall(Duration.ofSeconds(2), true), "http://127.0.0.1:70000/hook");

        assertThat(error).isNotNull().contains("70000");
    }

    @Test
    void shouldSayWhereAConnectionWasRefused() throws Exception {
        int closed;
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = taken.getLocalPort();
        }

        String error = attempt(new WebhookCall(Duration.ofSeconds(2), true), "http://127.0.0.1:" + closed + "/hooks/secret-path");

        assertThat(error).isEqualTo("cannot connect to http://127.0.0.1:" + closed + "/… (ConnectException)");
    }

    @Test
    void shouldTakeA2xxAnswerAsDeliveredAndSayAnyOtherStatus() throws Exception {
        try (LocalReceiver accepting = LocalReceiver.answering(204, null);
             LocalReceiver failing = LocalReceiver.answering(503, "{\"message\":\"down\"}")) {
            assertThat(attempt(new WebhookCall(Duration.ofSeconds(5), true), accepting.url("/hook"))).isNull();
            assertThat(attempt(new WebhookCall(Duration.ofSeconds(5), true), failing.url("/hook"))).isEqualTo("receiver answered 503");
        }
    }

    @Test
    void shouldNotCallAReceiverOnThisMachineUnlessPrivateHostsAreTaken() throws Exception {
        try (LocalReceiver accepting = LocalReceiver.answering(204, null)) {
            WebhookCall.Answer refused = caller.submit(() -> new WebhookCall(Duration.ofSeconds(5))
                    .call(accepting.url("/hook"), SECRET, "sub-1|2026-11-16", "{}")).get(TEST_BOUND_SECONDS, TimeUnit.SECONDS);

            assertThat(refused.error()).startsWith("not called: the webhook's host 127.0.0.1 is a loopback or private address")
                    .contains("reading.webhook-private-hosts");
            assertThat(refused.lasting()).as("no later attempt does better").isTrue();
            assertThat(accepting.calls()).as("the receiver never called").isZero();
        }
    }

    @Test
    void shouldNotFollowARedirectAndSayWhereItPointsAsAnAnswerNoCallWillChange() throws Exception {
        try (LocalReceiver moved = LocalReceiver.redirecting("https://chat.example.org/hooks/new-secret-path")) {
            WebhookCall.Answer answer = caller.submit(() -> new WebhookCall(Duration.ofSeconds(5), true)
                    .call(moved.url("/hook"), SECRET, "sub-1|2026-11-16", "{}")).get(TEST_BOUND_SECONDS, TimeUnit.SECONDS);

            assertThat(answer.error()).isEqualTo("receiver answered 301, a redirect, not followed: subscribe with the URL it points to"
                    + " (https://chat.example.org/…)");
            assertThat(answer.lasting()).as("dead at once, not called again for a day").isTrue();
            assertThat(moved.calls()).isEqualTo(1);
        }
        assertThat(WebhookCall.resolved(java.net.URI.create("http://chat.example.org"), "hook")).isEqualTo("http://chat.example.org/hook");
        assertThat(WebhookCall.resolved(java.net.URI.create("http://chat.example.org/hooks/a"), "/hooks/b/")).isEqualTo("http://chat.example.org/hooks/b/");
    }

    @Test
    void shouldSayTheTimeoutAsAPersonReadsIt() {
        assertThat(WebhookCall.spoken(Duration.ofSeconds(5))).isEqualTo("5 s");
        assertThat(WebhookCall.spoken(Duration.ofMillis(1500))).isEqualTo("1500 ms");
    }
}
