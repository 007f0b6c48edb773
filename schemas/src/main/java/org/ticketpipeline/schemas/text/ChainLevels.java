package org.ticketpipeline.schemas.text;

import java.util.regex.Pattern;

/**
 * The chain levels a bug traces to, as MISSION.md names them: brief, design, build, release, or a named
 * back-stage system ({@code system:<name>}). One rule for the ingest, which refuses a correction naming
 * another, and the classifier, which puts aside one written to the topic by another producer: a typo would
 * count under a level nobody reads.
 */
public final class ChainLevels {

    private static final Pattern LEVEL = Pattern.compile("brief|design|build|release|system:\\S.*");

    private ChainLevels() {
    }

    public static boolean isLevel(String level) {
        return level != null && LEVEL.matcher(level).matches();
    }
}
