package org.ticketpipeline.classifier.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.ticketpipeline.classifier.state.ThemeCluster;
import org.ticketpipeline.classifier.themes.EmergingThemes;

/**
 * What a ticket costs the emerging-theme grouping as a product's themes pile up ({@code ./benchmark
 * --themes 500,2000,5000,20000}): a product's themes restored as a service restores them, then tickets
 * that join one, each compared with every centre. Random unit vectors of MiniLM's 384 dimensions: the
 * cost is the scan's, whatever the vectors mean. Best of five runs of 2,000 tickets per size.
 */
final class ThemeScanBenchmark {

    private static final int DIMENSIONS = 384;

    private ThemeScanBenchmark() {
    }

    static void run(String sizes) {
        Random random = new Random(7);
        for (String size : sizes.split(",")) {
            int themes = Integer.parseInt(size.strip());
            // a threshold no similarity is under: every ticket joins, so the number of themes stays put
            EmergingThemes grouping = new EmergingThemes(text -> {
                throw new IllegalStateException("vectors are given");
            }, -2, (key, cluster) -> { });
            for (int i = 0; i < themes; i++) {
                grouping.restore(ThemeCluster.newBuilder().setProduct("ledger").setId(i).setLabel("theme " + i)
                        .setCentroid(asList(unit(random))).setSize(1).build());
            }
            long best = Long.MAX_VALUE;
            for (int run = 0; run < 5; run++) {
                float[][] tickets = new float[2000][];
                for (int i = 0; i < tickets.length; i++) {
                    tickets[i] = unit(random);
                }
                long started = System.nanoTime();
                for (float[] ticket : tickets) {
                    grouping.assign("ledger", null, "the export times out again", ticket, null);
                }
                best = Math.min(best, (System.nanoTime() - started) / tickets.length);
            }
            System.out.printf(java.util.Locale.ROOT, "emerging themes of one product: %d, a ticket joining one: %.3f ms%n", themes, best / 1e6);
        }
    }

    private static float[] unit(Random random) {
        float[] v = new float[DIMENSIONS];
        double norm = 0;
        for (int d = 0; d < DIMENSIONS; d++) {
            v[d] = (float) random.nextGaussian();
            norm += v[d] * v[d];
        }
        for (int d = 0; d < DIMENSIONS; d++) {
            v[d] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    private static List<Float> asList(float[] values) {
        List<Float> out = new ArrayList<>(values.length);
        for (float x : values) {
            out.add(x);
        }
        return out;
    }
}
