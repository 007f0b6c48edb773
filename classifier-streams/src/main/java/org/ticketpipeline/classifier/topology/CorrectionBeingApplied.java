package org.ticketpipeline.classifier.topology;

import java.util.Optional;
import org.ticketpipeline.schemas.Correction;
import org.ticketpipeline.schemas.topic.Topic;

/**
 * The held correction being applied on this stream thread, on a punctuation, while the processors after
 * it (the windows' moves, the release watch, the sink to {@code tickets-sorted}) handle the corrected
 * sorting. When one of them fails, Kafka Streams calls the processing exception handler at that
 * processor with no source record in hand; the handler asks here, and dead-letters the correction
 * instead of only logging a failed punctuation. As {@link EventBeingLetOut} does for buffered events.
 */
public final class CorrectionBeingApplied {

    private record Applying(Topic<String, Correction> corrections, Correction correction) {
    }

    private static final DuringCall<Applying> CURRENT = new DuringCall<>();

    private CorrectionBeingApplied() {
    }

    /** Runs {@code apply} with the correction marked as the held one being applied. */
    static void whileApplying(Topic<String, Correction> corrections, Correction correction, Runnable apply) {
        CURRENT.run(new Applying(corrections, correction), apply);
    }

    /** The held correction being applied on this thread, as the failure to dead-letter, if a processor after it failed. */
    public static Optional<HeldCorrectionFailed> failedDownstream(Exception exception) {
        Applying applying = CURRENT.current();
        return applying == null ? Optional.empty() : Optional.of(new HeldCorrectionFailed(applying.corrections(), applying.correction(), exception));
    }
}
