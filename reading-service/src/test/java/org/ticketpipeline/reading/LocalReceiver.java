package org.ticketpipeline.reading;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** An HTTP server on a local port, as a webhook receiver (or a schema registry) behaves for a test; closed, it lets go of every call. */
final class LocalReceiver implements AutoCloseable {

    /** How long a stalled answer waits at most, should a test forget to close its receiver. */
    private static final long STALL_BOUND_SECONDS = 60;

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

    private LocalReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // each call on a thread of its own: a stalled one must not hold the next
        server.setExecutor(handlers);
    }

    /** Answers 200 announcing a body of 100 bytes, and never writes it: the headers come, the answer never ends. */
    static LocalReceiver stallingAfterHeaders() throws IOException {
        LocalReceiver receiver = new LocalReceiver();
        receiver.server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 100);
            try {
                receiver.closed.await(STALL_BOUND_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        receiver.server.start();
        return receiver;
    }

    /** Answers every call with the status and the body (none when null). */
    static LocalReceiver answering(int status, String body) throws IOException {
        LocalReceiver receiver = new LocalReceiver();
        receiver.server.createContext("/", exchange -> {
            receiver.calls.incrementAndGet();
            answer(exchange, status, body);
        });
        receiver.server.start();
        return receiver;
    }

    /** Answers every call 301 to {@code location}. */
    static LocalReceiver redirecting(String location) throws IOException {
        LocalReceiver receiver = new LocalReceiver();
        receiver.server.createContext("/", exchange -> {
            receiver.calls.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        receiver.server.start();
        return receiver;
    }

    /** Answers every call with the status, no body, after {@code delay}. */
    static LocalReceiver answeringAfter(int status, java.time.Duration delay) throws IOException {
        LocalReceiver receiver = new LocalReceiver();
        receiver.server.createContext("/", exchange -> {
            receiver.calls.incrementAndGet();
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, status, null);
        });
        receiver.server.start();
        return receiver;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    /** How many calls an answering receiver has had. */
    int calls() {
        return calls.get();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }
}
