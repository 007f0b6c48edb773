package org.ticketpipeline.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Value;

/** Caps and answers of the HTTP edge. */
@ConfigurationProperties("ingest")
public class IngestSettings {

    private int maxBatchItems = 500;
    private int maxTextLength = 20_000;
    private int retryAfterSeconds = 5;

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

    public long getMaxBodyBytes() {
        return maxBodyBytes;
    }
}
