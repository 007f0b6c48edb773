package org.ticketpipeline.classifier.themes;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Sentence embeddings of texts, normalised (a dot product is the cosine). */
@FunctionalInterface
public interface TextVectors {

    float[] vector(String text);

    /** The encoder's name, kept with what its vectors make (an emerging theme's centre); empty when it has none. */
    default String encoder() {
        return "";
    }

    /** Many texts at once; an encoder that batches does it faster than one by one. */
    default List<float[]> vectors(List<String> texts) {
        return texts.stream().map(this::vector).toList();
    }

    /**
     * A text's vector, computed on the encoder's own threads when it has them (batched with other
     * texts waiting), so the caller can go on meanwhile. This default computes it on the caller's thread.
     */
    default CompletableFuture<float[]> vectorLater(String text) {
        try {
            return CompletableFuture.completedFuture(vector(text));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
