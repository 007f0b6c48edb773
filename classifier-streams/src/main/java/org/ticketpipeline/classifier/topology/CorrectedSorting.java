package org.ticketpipeline.classifier.topology;

import java.util.Objects;
import org.ticketpipeline.schemas.SortedTicket;

/**
 * A ticket's sorting after a person's correction, and, when the ticket was counted in windows and
 * release watches, what was counted before and what is to be counted now (both at the time it was
 * counted, with the tier it was counted under). Only passed between processors of one task, never
 * serialised.
 *
 * @param countedBefore the ticket as counted, or null when it never was (first seen after its creation)
 * @param countedAfter the same with the corrected kind, level and theme, or null likewise
 */
public record CorrectedSorting(SortedTicket after, SortedTicket countedBefore, SortedTicket countedAfter) {

    /** How many corrections a sorting keeps, the newest: their lines in its reasons, and their ids (appliedCorrections). */
    public static final int CORRECTIONS_KEPT = 10;

    /** Whether the correction changes what was counted: the theme, the kind or the level. */
    public boolean movesCounts() {
        return countedBefore != null && (!Objects.equals(countedBefore.getTheme(), countedAfter.getTheme())
                || countedBefore.getKind() != countedAfter.getKind() || !Objects.equals(countedBefore.getLevel(), countedAfter.getLevel()));
    }

    /** Whether the ticket stays in its theme (only its kind or level changed). */
    public boolean staysInTheme() {
        return countedBefore != null && Objects.equals(countedBefore.getTheme(), countedAfter.getTheme());
    }

    /** When the ticket was counted: its creation. */
    public long countedAtMillis() {
        return countedBefore.getOccurredAt().toEpochMilli();
    }
}
