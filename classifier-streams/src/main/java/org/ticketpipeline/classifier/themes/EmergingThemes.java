package org.ticketpipeline.classifier.themes;

import java.time.Duration;
import java.time.Instant;
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
 *
 * <p>Themes that go quiet are forgotten ({@link #forgetQuiet}): every ticket is compared with every
 * theme of its product, and one-ticket themes pile up with the months (a new theme for one ticket in
 * twenty on banking queries), so a product that kept them all would sort slower every week.
 */
public final class EmergingThemes {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(EmergingThemes.class);

    /** A theme is kept this many times the quiet time per ticket it holds at most: a year with the default 30 days. */
    static final int MOST_QUIET_PERIODS = 12;

    private final TextVectors vectors;
    private final double threshold;
    private final BiConsumer<String, ThemeCluster> persist;
    private final Duration quietPerTicket;
    /** The taxonomy's spelling of a name it holds, whatever the case asked: names no new emerging theme may take. */
    private java.util.function.Function<String, java.util.Optional<String>> reserved = name -> java.util.Optional.empty();
    private final Map<String, ProductThemes> byProduct = new HashMap<>();
    private boolean saidNotAllNumbers;

    /** One product's themes: the clusters, and their centres in the same rows. */
    private static final class ProductThemes {
        final List<ThemeCluster> clusters = new ArrayList<>();
        /**
         * The names taken, whatever their case: "CSV export times out" and "csv export times out" are one
         * theme to a reader, and two to the windows, which key a theme by its name as written.
         */
        final Set<String> labels = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        final ThemeLabels words = new ThemeLabels();
        ThemeCentres centres;
        /**
         * Past every id kept: with themes forgotten, their count is no longer free, and a new theme
         * under a kept theme's id would overwrite it in the store. (A forgotten theme's id may come back
         * after a restart; its key was deleted with it.)
         */
        int nextId;
    }

    /**
     * Themes kept for ever, as the evaluation groups a file in one go.
     *
     * @param persist called with a key and the cluster after every change, and with null when it is forgotten
     */
    public EmergingThemes(TextVectors vectors, double threshold, BiConsumer<String, ThemeCluster> persist) {
        this(vectors, threshold, persist, Duration.ZERO);
    }

    /**
     * @param quietPerTicket how long a theme may go without a new ticket, per ticket it holds (a year at most),
     *     before {@link #forgetQuiet} forgets it; zero keeps every theme
     */
    public EmergingThemes(TextVectors vectors, double threshold, BiConsumer<String, ThemeCluster> persist, Duration quietPerTicket) {
        this.vectors = vectors;
        this.threshold = threshold;
        this.persist = persist;
        this.quietPerTicket = quietPerTicket;
    }

    /** The keys of themes kept whose centres another encoder made: {@link #dropOtherEncoders} deletes them. */
    private final List<String> ofOtherEncoders = new ArrayList<>();

    /**
     * Restores a cluster read back from the state store; one whose centre another encoder made
     * ({@code classifier.embedding-model} changed) is set aside, as no similarity to it means anything. Its
     * name is free again, so the windows go on under it when the new encoder's tickets start it again.
     */
    public void restore(ThemeCluster cluster) {
        ProductThemes themes = themesOf(cluster.getProduct());
        themes.nextId = Math.max(themes.nextId, cluster.getId() + 1);
        if (!cluster.getEncodedBy().isEmpty() && !vectors.encoder().isEmpty() && !cluster.getEncodedBy().equals(vectors.encoder())) {
            ofOtherEncoders.add(key(cluster.getProduct(), cluster.getId()));
            return;
        }
        float[] centre = toArray(cluster.getCentroid());
        if (themes.centres == null) {
            themes.centres = new ThemeCentres(centre.length);
        }
        themes.centres.add(centre);
        themes.clusters.add(cluster);
        themes.labels.add(cluster.getLabel());
        themes.nextId = Math.max(themes.nextId, cluster.getId() + 1);
    }

    /** Deletes the themes {@link #restore} set aside, once the store is read; says how many. */
    public int dropOtherEncoders() {
        ofOtherEncoders.forEach(key -> persist.accept(key, null));
        int dropped = ofOtherEncoders.size();
        ofOtherEncoders.clear();
        return dropped;
    }

    private ProductThemes themesOf(String product) {
        return byProduct.computeIfAbsent(product, p -> new ProductThemes());
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
        return assign(product, null, text, vector, null);
    }

    /**
     * As {@link #assign(String, String, float[])}, with the ticket's subject line, which names a theme
     * it starts when it is short and says something, and when the ticket came (null: not known), which
     * keeps its theme from being forgotten.
     */
    public Assignment assign(String product, String title, String text, float[] given, Instant at) {
        float[] vector = comparable(given, product);
        ProductThemes themes = themesOf(product);
        themes.words.observe(text);
        if (themes.centres == null) {
            themes.centres = new ThemeCentres(vector.length);
        }
        ThemeCentres.Nearest nearest = themes.centres.nearest(vector);
        if (nearest.row() >= 0 && nearest.similarity() >= threshold) {
            ThemeCluster best = themes.clusters.get(nearest.row());
            themes.centres.takeIn(nearest.row(), vector, best.getSize());
            best.setCentroid(asList(themes.centres.centre(nearest.row())));
            best.setSize(best.getSize() + 1);
            seen(best, at);
            persist.accept(key(product, best.getId()), best);
            // a theme the team has since put in the taxonomy under its name: counted in the taxonomy theme's row,
            // as its spelling, not in a second row that differs by case
            return new Assignment(reserved.apply(best.getLabel()).orElse(best.getLabel()), false, nearest.similarity());
        }
        ThemeCluster started = ThemeCluster.newBuilder()
                .setProduct(product)
                .setId(themes.nextId++)
                .setLabel(themes.words.label(title, text, takenOrReserved(themes.labels)))
                .setCentroid(asList(vector))
                .setEncodedBy(vectors.encoder())
                .setSize(1)
                .build();
        seen(started, at);
        themes.centres.add(vector);
        themes.clusters.add(started);
        themes.labels.add(started.getLabel());
        persist.accept(key(product, started.getId()), started);
        return new Assignment(started.getLabel(), true, nearest.row() >= 0 ? nearest.similarity() : -1);
    }

    /**
     * The vector with each number no cosine can be taken of (NaN, infinite) as 0. One such number makes
     * every similarity with the vector NaN, and a centre that took it in would be NaN for good, nearest to
     * nothing and first in every scan: each later ticket of the product would start a theme of its own.
     */
    private float[] comparable(float[] vector, String product) {
        float[] out = null;
        for (int d = 0; d < vector.length; d++) {
            if (!Float.isFinite(vector[d])) {
                out = out == null ? vector.clone() : out;
                out[d] = 0;
            }
        }
        if (out == null) {
            return vector;
        }
        if (!saidNotAllNumbers) {
            LOG.warn("a ticket of {} came with a vector that is not all numbers: grouped by the numbers it has (said once)", product);
            saidNotAllNumbers = true;
        }
        return out;
    }

    /**
     * Names a new emerging theme may not take besides the product's own, by their spelling in the taxonomy: a
     * subject that names a taxonomy theme the taxonomy's phrases did not catch would otherwise start a second
     * theme of that name; and a ticket that joins an emerging theme the team has since named in the taxonomy
     * is given the taxonomy's spelling.
     */
    public EmergingThemes reserving(java.util.function.Function<String, java.util.Optional<String>> taxonomyNames) {
        this.reserved = taxonomyNames;
        return this;
    }

    /** The product's names and the reserved ones, as the set the labels look names up in. */
    private Set<String> takenOrReserved(Set<String> labels) {
        return new java.util.AbstractSet<>() {
            @Override
            public boolean contains(Object name) {
                return labels.contains(name) || name instanceof String s && reserved.apply(s).isPresent();
            }

            @Override
            public java.util.Iterator<String> iterator() {
                return labels.iterator();
            }

            @Override
            public int size() {
                return labels.size();
            }
        };
    }

    private static void seen(ThemeCluster cluster, Instant at) {
        if (at != null && (cluster.getLastSeenAt() == null || at.isAfter(cluster.getLastSeenAt()))) {
            cluster.setLastSeenAt(at);
        }
    }

    /**
     * Forgets the themes that have had no ticket for longer than the quiet time per ticket they hold
     * (a one-ticket theme after 30 days with the default, a theme of three after 90, one of twelve or
     * more after a year); answers how many. A theme from before themes were dated is dated {@code now}.
     * A ticket like a forgotten theme's starts a theme again, and the name is free to come back.
     */
    public int forgetQuiet(Instant now) {
        if (quietPerTicket.isZero()) {
            return 0;
        }
        int forgotten = 0;
        for (ProductThemes themes : byProduct.values()) {
            for (int row = themes.clusters.size() - 1; row >= 0; row--) {
                ThemeCluster cluster = themes.clusters.get(row);
                if (cluster.getLastSeenAt() == null) {
                    cluster.setLastSeenAt(now);
                    persist.accept(key(cluster.getProduct(), cluster.getId()), cluster);
                } else if (Duration.between(cluster.getLastSeenAt(), now).compareTo(quietTime(cluster)) > 0) {
                    forget(themes, row);
                    forgotten++;
                }
            }
        }
        return forgotten;
    }

    private Duration quietTime(ThemeCluster cluster) {
        return quietPerTicket.multipliedBy(Math.max(1, Math.min(cluster.getSize(), MOST_QUIET_PERIODS)));
    }

    private void forget(ProductThemes themes, int row) {
        ThemeCluster gone = themes.clusters.get(row);
        int moved = themes.centres.remove(row);
        ThemeCluster last = themes.clusters.remove(themes.clusters.size() - 1);
        if (moved >= 0) {
            themes.clusters.set(row, last); // the rows and the clusters move alike
        }
        // not while another theme answers to the name: two kept from before names were unique whatever their case
        if (themes.clusters.stream().noneMatch(c -> c.getLabel().equalsIgnoreCase(gone.getLabel()))) {
            themes.labels.remove(gone.getLabel());
        }
        persist.accept(key(gone.getProduct(), gone.getId()), null);
    }

    /** How many emerging themes are kept, over every product. */
    public int size() {
        return byProduct.values().stream().mapToInt(t -> t.clusters.size()).sum();
    }

    public static String key(String product, int id) {
        return product + "|" + id;
    }

    private static List<Float> asList(float[] values) {
        List<Float> out = new ArrayList<>(values.length);
        for (float x : values) {
            out.add(x);
        }
        return out;
    }
}
