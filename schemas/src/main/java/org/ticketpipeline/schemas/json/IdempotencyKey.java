package org.ticketpipeline.schemas.json;

import java.util.List;

/**
 * The {@code Idempotency-Key} header a client names a write by, so that sending it again after an answer it did
 * not get (a timeout, a 503 whose write may still have landed) makes it once. One rule for every service that
 * takes one: given once, one line, not blank, and no longer than an id.
 */
public final class IdempotencyKey {

    public static final String HEADER = "Idempotency-Key";
    /** The longest key taken: an id's cap, since a key becomes part of one. */
    public static final int MAX_LENGTH = 200;

    private IdempotencyKey() {
    }

    /** Why the header's values cannot name a write, or null when there is none or one that can. */
    public static String problem(List<String> values) {
        if (values.size() > 1) {
            // which one names the write is a guess either way, and a retry sending them in another order would make it twice
            return "is given " + values.size() + " times: send one, the same on every retry";
        }
        if (values.isEmpty()) {
            return null;
        }
        String key = values.get(0);
        return key.isBlank() ? "must not be blank" : key.length() > MAX_LENGTH ? "is " + key.length() + " characters, over the cap of " + MAX_LENGTH
                : OneLine.problem(key);
    }
}
