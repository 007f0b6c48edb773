package org.ticketpipeline.schemas.json;

import java.util.List;

/** What every service's error answer tells a client of why a request failed, as problem+json's {@code detail}. */
public final class FailureDetail {

    private FailureDetail() {
    }

    /**
     * The framework's messages joined, or the status's reason when it gave none; for a failure of the service
     * (5xx), a pointer to the log instead: the cause's message may name internals, and the log has it whole.
     */
    public static String of(int status, String reason, List<String> messages) {
        if (status >= 500) {
            return "the service failed on this request: its log says why";
        }
        String joined = String.join("; ", messages);
        return joined.isBlank() ? reason : joined;
    }
}
