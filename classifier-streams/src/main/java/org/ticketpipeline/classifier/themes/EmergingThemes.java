package org.ticketpipeline.classifier.themes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.ticketpipeline.classifier.state.ThemeCluster;

/**
 * Groups the tickets no taxonomy theme explains, per product, from the very first ticket: a ticket
 * joins the emerging theme whose centre is nearest in meaning when the cosine similarity reaches the
 * threshold, else it starts a new one, named from its own words. One pass, no minimum volume, so a
 * theme can appear with its first ticket. Centres are running means. Not thread-safe: one instance
 * per stream task.
 */
public final class EmergingThemes {

    private final TextVectors vectors;
    private final double threshold;
    private final BiConsumer<String, ThemeCluster> persist;
    private final Map<String, List<ThemeCluster>> byProduct = new HashMap<>();
    /** The centroids as primitive arrays: the similarity scan runs over every theme of a product per ticket. */
    private final Map<ThemeCluster, float[]> centres = new java.util.IdentityHashMap<>();
    private final Map<String, ThemeLabels> labels = new HashMap<>();

    /**
     * @param persist called with a key and the cluster after every change, to keep it in a state store
     */
    public EmergingThemes(TextVectors vectors, double threshold, BiConsumer<String, ThemeCluster> persist) {
        this.vectors = vectors;
        this.threshold = threshold;
        this.persist = persist;
    }

    /** Restores a cluster read back from the state store. */
    public void restore(ThemeCluster cluster) {
        byProduct.computeIfAbsent(cluster.getProduct(), p -> new ArrayList<>()).add(cluster);
        centres.put(cluster, toArray(cluster.getCentroid()));
    }

    private static float[] toArray(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    /** The emerging theme a ticket joins (or starts), and how close it is. */
    public record Assignment(String theme, boolean started, double similarity) {
    }

    public Assignment assign(String product, String text) {
        return assign(product, text, vectors.vector(text));
    }

    /** As {@link #assign(String, String)}, with the ticket's vector already computed. */
    public Assignment assign(String product, String text, float[] vector) {
        return assign(product, null, text, vector);
    }

    /**
     * As {@link #assign(String, String, float[])}, with the ticket's subject line, which names a theme
     * it starts when it is short and says something.
     */
    public Assignment assign(String product, String title, String text, float[] vector) {
        List<ThemeCluster> clusters = byProduct.computeIfAbsent(product, p -> new ArrayList<>());
        ThemeLabels words = labels.computeIfAbsent(product, p -> new ThemeLabels());
        words.observe(text);
        ThemeCluster best = null;
        double bestSimilarity = -1;
        for (ThemeCluster cluster : clusters) {
            double similarity = cosine(centres.get(cluster), vector);
            if (similarity > bestSimilarity) {
                bestSimilarity = similarity;
                best = cluster;
            }
        }
        if (best != null && bestSimilarity >= threshold) {
            float[] centre = centres.get(best);
            long size = best.getSize();
            List<Float> moved = new ArrayList<>(centre.length);
            for (int d = 0; d < centre.length; d++) {
                centre[d] = (centre[d] * size + vector[d]) / (size + 1);
                moved.add(centre[d]);
            }
            best.setCentroid(moved);
            best.setSize(size + 1);
            persist.accept(key(product, best.getId()), best);
            return new Assignment(best.getLabel(), false, bestSimilarity);
        }
        Set<String> taken = new HashSet<>();
        clusters.forEach(c -> taken.add(c.getLabel()));
        List<Float> centroid = new ArrayList<>(vector.length);
        for (float x : vector) {
            centroid.add(x);
        }
        ThemeCluster started = ThemeCluster.newBuilder()
                .setProduct(product)
                .setId(clusters.size())
                .setLabel(words.label(title, text, taken))
                .setCentroid(centroid)
                .setSize(1)
                .build();
        clusters.add(started);
        centres.put(started, vector.clone());
        persist.accept(key(product, started.getId()), started);
        return new Assignment(started.getLabel(), true, bestSimilarity);
    }

    public static String key(String product, int id) {
        return product + "|" + id;
    }

    private static double cosine(float[] centre, float[] v) {
        double dot = 0;
        double norm = 0;
        for (int d = 0; d < v.length; d++) {
            dot += centre[d] * v[d];
            norm += centre[d] * centre[d];
        }
        return norm == 0 ? 0 : dot / Math.sqrt(norm);
    }
}
