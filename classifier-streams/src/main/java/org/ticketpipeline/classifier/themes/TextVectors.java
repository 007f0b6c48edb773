package org.ticketpipeline.classifier.themes;

import java.util.List;

/** Sentence embeddings of texts, normalised (a dot product is the cosine). */
@FunctionalInterface
public interface TextVectors {

    float[] vector(String text);

    /** Many texts at once; an encoder that batches does it faster than one by one. */
    default List<float[]> vectors(List<String> texts) {
        return texts.stream().map(this::vector).toList();
    }
}
