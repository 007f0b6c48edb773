package org.ticketpipeline.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Value;
import java.time.Duration;

/** Caps and answers of the HTTP edge; checked at start (eager, so a wrong one stops the start, not the first request). */
@ConfigurationProperties("ingest")
@io.micronaut.context.annotation.Context
public class IngestSettings {

    /** Above it, one ticket's subject and body could outgrow Kafka's 1 MiB record (4 bytes a character, at worst, as caps count code points). */
    static final int MAX_TEXT_LENGTH_CAP = 100_000;

    private int maxBatchItems = 500;
    private int maxTextLength = 20_000;
    private int retryAfterSeconds = 5;
    /** How far ahead of this server's clock an event may be; Kafka refuses timestamps far in the future. */
    private Duration maxFutureSkew = Duration.ofMinutes(15);

    /** The body cap is Micronaut's own, so the server refuses an oversized body before reading it. */
    @Value("${micronaut.server.max-request-size:1048576}")
    private long maxBodyBytes;

    @jakarta.annotation.PostConstruct
    void validate() {
        new org.ticketpipeline.schemas.settings.SettingChecks()
                .atLeastOne("ingest.max-batch-items", maxBatchItems)
                .add(maxTextLength < 1 || maxTextLength > MAX_TEXT_LENGTH_CAP, "ingest.max-text-length " + maxTextLength + " must be from 1 to "
                        + MAX_TEXT_LENGTH_CAP + " (a record holds a ticket's subject and body, and Kafka takes 1 MiB)")
                .notNegative("ingest.retry-after-seconds", retryAfterSeconds)
                .notNegative("ingest.max-future-skew", maxFutureSkew)
                .orRefuse();
    }

    public int getMaxBatchItems() {
        return maxBatchItems;
    }

    public void setMaxBatchItems(int maxBatchItems) {
        this.maxBatchItems = maxBatchItems;
    }

    public int getMaxTextLength() {
        return maxTextLength;
    }

    public void setMaxTextLength(int maxTextLength) {
        this.maxTextLength = maxTextLength;
    }

    public int getRetryAfterSeconds() {
        return retryAfterSeconds;
    }

    public void setRetryAfterSeconds(int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Duration getMaxFutureSkew() {
        return maxFutureSkew;
    }

    public void setMaxFutureSkew(Duration maxFutureSkew) {
        this.maxFutureSkew = maxFutureSkew;
    }

    public long getMaxBodyBytes() {
        return maxBodyBytes;
    }
}
