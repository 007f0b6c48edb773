package org.ticketpipeline.classifier.themes;

/** A sentence embedding of a text, normalised (a dot product is the cosine). */
@FunctionalInterface
public interface TextVectors {

    float[] vector(String text);
}
