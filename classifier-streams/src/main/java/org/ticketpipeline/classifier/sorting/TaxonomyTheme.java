package org.ticketpipeline.classifier.sorting;

import java.util.List;

/**
 * One theme of the team's taxonomy: its name in the trio's words, the phrases that reveal it, the
 * back-stage system behind it, its owner, and the user outcome it blocks.
 */
public record TaxonomyTheme(String name, List<String> phrases, String system, String owner, String blocks) {
}
