package org.ticketpipeline.classifier.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * V-measure (Rosenberg and Hirschberg, 2007) and the adjusted Rand index (Hubert and Arabie, 1985) of
 * a clustering against true labels. Written here because no library on Maven Central that this
 * project already uses computes them; both are a few lines over the contingency table.
 */
public final class ClusterScores {

    private ClusterScores() {
    }

    public record Scores(double homogeneity, double completeness, double vMeasure, double ari) {
    }

    public static Scores score(List<String> truth, List<Integer> clusters) {
        int n = truth.size();
        Map<String, Map<Integer, Integer>> table = new HashMap<>();
        Map<String, Integer> classSizes = new HashMap<>();
        Map<Integer, Integer> clusterSizes = new HashMap<>();
        for (int i = 0; i < n; i++) {
            table.computeIfAbsent(truth.get(i), k -> new HashMap<>()).merge(clusters.get(i), 1, Integer::sum);
            classSizes.merge(truth.get(i), 1, Integer::sum);
            clusterSizes.merge(clusters.get(i), 1, Integer::sum);
        }
        double hC = entropy(classSizes.values(), n);
        double hK = entropy(clusterSizes.values(), n);
        double hCgivenK = 0;
        double hKgivenC = 0;
        double sumCells = 0;
        for (Map.Entry<String, Map<Integer, Integer>> row : table.entrySet()) {
            for (Map.Entry<Integer, Integer> cell : row.getValue().entrySet()) {
                double nij = cell.getValue();
                hCgivenK -= nij / n * Math.log(nij / clusterSizes.get(cell.getKey()));
                hKgivenC -= nij / n * Math.log(nij / classSizes.get(row.getKey()));
                sumCells += choose2(nij);
            }
        }
        double homogeneity = hC == 0 ? 1 : 1 - hCgivenK / hC;
        double completeness = hK == 0 ? 1 : 1 - hKgivenC / hK;
        double v = homogeneity + completeness == 0 ? 0 : 2 * homogeneity * completeness / (homogeneity + completeness);
        double sumA = classSizes.values().stream().mapToDouble(ClusterScores::choose2).sum();
        double sumB = clusterSizes.values().stream().mapToDouble(ClusterScores::choose2).sum();
        double expected = sumA * sumB / choose2(n);
        double max = (sumA + sumB) / 2;
        double ari = max == expected ? 1 : (sumCells - expected) / (max - expected);
        return new Scores(homogeneity, completeness, v, ari);
    }

    private static double entropy(Iterable<Integer> sizes, int n) {
        double h = 0;
        for (int size : sizes) {
            double p = (double) size / n;
            h -= p * Math.log(p);
        }
        return h;
    }

    private static double choose2(double x) {
        return x * (x - 1) / 2;
    }
}
