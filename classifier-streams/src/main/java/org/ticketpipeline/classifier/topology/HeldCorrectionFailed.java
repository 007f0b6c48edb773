package org.ticketpipeline.classifier.topology;

import org.ticketpipeline.schemas.Correction;
import org.ticketpipeline.schemas.topic.Topic;

/**
 * A correction that was held while its ticket was being sorted, and then could not be applied. It
 * surfaces on a punctuation, with no record in hand: the dead-letter handler writes this correction to
 * {@code corrections.dlt}, with the reason it could not be applied.
 */
public final class HeldCorrectionFailed extends FailedWithItsOwnRecord {

    HeldCorrectionFailed(Topic<String, Correction> corrections, Correction correction, Throwable cause) {
        // the reason as a correction refused at once says it: the dead letter reads the same either way
        super(cause.getMessage(), cause, corrections, correction.getTicketId(), correction);
    }
}
