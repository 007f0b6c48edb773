package org.ticketpipeline.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Value;
import java.time.Duration;

/** Caps and answers of the HTTP edge. */
@ConfigurationProperties("ingest")
public class IngestSettings {

    private int maxBatchItems = 500;
    private int maxTextLength = 20_000;
    private int retryAfterSeconds = 5;
    /** How far ahead of this server's clock an event may be; Kafka refuses timestamps far in the future. */
    private Duration maxFutureSkew = Duration.ofMinutes(15);

    /** The body cap is Micronaut's own, so the server refuses an oversized body before reading it. */
    @Value("${micronaut.server.max-request-size:1048576}")
    private long maxBodyBytes;

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
