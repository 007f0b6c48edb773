package org.ticketpipeline.schemas.topic;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Whether the Kafka cluster answers, for a service's health: a Kafka Streams client whose broker is gone
 * stays RUNNING while its clients retry, so its state alone said UP for as long as Kafka was away. Asked in
 * the background ({@link BackgroundCheck}), each time with a bound of a few seconds.
 */
public final class ClusterReachability implements AutoCloseable {

    static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);

    private final Admin admin;
    private final BackgroundCheck check;

    public ClusterReachability(String bootstrapServers) {
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ANSWER_WITHIN.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ANSWER_WITHIN.toMillis()));
        this.check = new BackgroundCheck("kafka-reachability", this::ask, ANSWER_WITHIN.plusSeconds(1));
    }

    /** Null when the cluster answered the last check; else what went wrong then, for a person to read. */
    public String unreachable() {
        return check.wrong();
    }

    /** Asks the cluster now, waiting a few seconds at most: null when it answered, else what went wrong. */
    String ask() {
        try {
            admin.describeCluster().nodes().get(ANSWER_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
            return "no answer within " + ANSWER_WITHIN.toSeconds() + " s (" + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")";
        }
    }

    /** A stream's health: up while the stream is and the cluster answers; its state, and why Kafka is away when it is. */
    public record StreamsHealth(boolean up, Map<String, Object> details) {
    }

    /**
     * The health of a stream in {@code state}, {@code streamsUp} by its own measure: the cluster is asked only
     * then, as a stream that is down is down whatever Kafka says.
     */
    public StreamsHealth judge(String state, boolean streamsUp) {
        String away = streamsUp ? unreachable() : null;
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        details.put("state", state);
        if (away != null) {
            details.put("kafka", away);
        }
        return new StreamsHealth(streamsUp && away == null, details);
    }

    @Override
    public void close() {
        check.close();
        admin.close(Duration.ofSeconds(2));
    }
}
