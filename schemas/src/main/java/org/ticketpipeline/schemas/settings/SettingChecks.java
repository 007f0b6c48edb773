package org.ticketpipeline.schemas.settings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What is wrong with a service's settings, gathered so that a start refused names every wrong key at once,
 * in the same words in every service. Written here rather than with Bean Validation: the keys and the
 * reasons ("must be longer than 0", what the default is) are the message, and the three services share them.
 */
public final class SettingChecks {

    private final List<String> problems = new ArrayList<>();

    /** A problem of its own wording. */
    public SettingChecks add(boolean wrong, String problem) {
        if (wrong) {
            problems.add(problem);
        }
        return this;
    }

    public SettingChecks positive(String key, Duration value) {
        return add(value.isNegative() || value.isZero(), key + " " + value + " must be longer than 0");
    }

    public SettingChecks notNegative(String key, Duration value) {
        return add(value.isNegative(), key + " " + value + " cannot be negative");
    }

    public SettingChecks notNegative(String key, int value) {
        return add(value < 0, key + " " + value + " cannot be negative");
    }

    public SettingChecks atLeastOne(String key, int value) {
        return add(value < 1, key + " " + value + " must be at least 1");
    }

    /** Throws every problem found, joined, or returns when there is none. */
    public void orRefuse() {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }
}
