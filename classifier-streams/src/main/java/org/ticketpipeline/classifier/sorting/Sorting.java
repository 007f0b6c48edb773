package org.ticketpipeline.classifier.sorting;

import java.util.List;
import org.ticketpipeline.schemas.TicketKind;

/**
 * The sorter's decision on one ticket, with the reasons a person can push back on.
 *
 * @param level for a bug, the chain level it traces to (brief, design, build, release, system:name); null otherwise
 * @param themeSource taxonomy, emerging or rule
 * @param recommendedTier L1, L2, L3 or PRODUCT_OWNER
 */
public record Sorting(TicketKind kind, double confidence, String level, String theme, String themeSource,
                      List<String> reasons, String recommendedTier) {
}
