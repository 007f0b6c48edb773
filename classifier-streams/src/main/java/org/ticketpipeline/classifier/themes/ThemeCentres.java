package org.ticketpipeline.classifier.themes;

import java.util.Arrays;

/**
 * One product's theme centres, row by row in one array, with each row's norm kept beside it. Every
 * ticket that starts or joins an emerging theme is compared with every centre of its product, so
 * this scan is the grouping's cost. With a centre per object and its norm taken again per ticket, a
 * ticket took 0.21 ms over 500 themes and 17 ms over 20,000 ({@code ./benchmark --themes}, with the
 * JIT the service runs with, C1); in one array read in order, with the norms kept and four float sums
 * side by side (C1 neither unrolls a loop nor keeps a double sum cheap), 0.14 and 10 ms. Past a few
 * thousand themes the scan waits on memory, which is why quiet themes are forgotten.
 *
 * <p>Float sums of 384 products differ from a double sum by about one part in a million, far below
 * any similarity that decides a theme: banking77's grouping is the same to the last digit.
 *
 * <p>Written by hand: the job is one loop over a float matrix, and no library within reach does it
 * with rows that move and leave one at a time.
 */
final class ThemeCentres {

    private final int dimensions;
    private float[] rows = new float[0];
    private double[] norms = new double[0];
    private int size;

    ThemeCentres(int dimensions) {
        this.dimensions = dimensions;
    }

    int size() {
        return size;
    }

    int dimensions() {
        return dimensions;
    }

    /** Adds a centre as the last row and answers its row. */
    int add(float[] centre) {
        if (centre.length != dimensions) {
            throw new IllegalArgumentException("a centre of " + centre.length + " dimensions among centres of " + dimensions);
        }
        if ((size + 1) * dimensions > rows.length) {
            int capacity = Math.max(16, size * 2);
            rows = Arrays.copyOf(rows, capacity * dimensions);
            norms = Arrays.copyOf(norms, capacity);
        }
        System.arraycopy(centre, 0, rows, size * dimensions, dimensions);
        norms[size] = norm(size);
        return size++;
    }

    /** The row's centre as a copy. */
    float[] centre(int row) {
        return Arrays.copyOfRange(rows, row * dimensions, (row + 1) * dimensions);
    }

    /** Moves a row's centre to the running mean with one more vector; {@code count} is how many it held before. */
    void takeIn(int row, float[] vector, long count) {
        int offset = row * dimensions;
        for (int d = 0; d < dimensions; d++) {
            rows[offset + d] = (rows[offset + d] * count + vector[d]) / (count + 1);
        }
        norms[row] = norm(row);
    }

    /**
     * Takes the row out by moving the last row into its place (order does not matter to the scan, and
     * it keeps the rows together); answers the row that moved, or -1 when the last row was removed.
     */
    int remove(int row) {
        int last = size - 1;
        if (row != last) {
            System.arraycopy(rows, last * dimensions, rows, row * dimensions, dimensions);
            norms[row] = norms[last];
        }
        size--;
        return row != last ? last : -1;
    }

    /**
     * The row nearest the vector by cosine (the vector is normalised, the centres are running means
     * and are not) and that cosine; row -1 when there are none. The first of equals wins.
     */
    Nearest nearest(float[] vector) {
        int best = -1;
        double bestSimilarity = -1;
        for (int row = 0; row < size; row++) {
            int offset = row * dimensions;
            float a = 0;
            float b = 0;
            float c = 0;
            float e = 0;
            int d = 0;
            for (; d + 3 < dimensions; d += 4) {
                a += rows[offset + d] * vector[d];
                b += rows[offset + d + 1] * vector[d + 1];
                c += rows[offset + d + 2] * vector[d + 2];
                e += rows[offset + d + 3] * vector[d + 3];
            }
            for (; d < dimensions; d++) {
                a += rows[offset + d] * vector[d];
            }
            double dot = (double) (a + b) + (c + e);
            // a centre kept with a NaN in it (from before vectors were checked) is nearest to nothing
            double similarity = norms[row] == 0 ? 0 : Double.isNaN(dot) ? -2 : dot / norms[row];
            if (similarity > bestSimilarity || best == -1) {
                bestSimilarity = similarity;
                best = row;
            }
        }
        return new Nearest(best, best == -1 ? -1 : bestSimilarity);
    }

    record Nearest(int row, double similarity) {
    }

    private double norm(int row) {
        int offset = row * dimensions;
        double sum = 0;
        for (int d = 0; d < dimensions; d++) {
            sum += rows[offset + d] * rows[offset + d];
        }
        return Math.sqrt(sum);
    }
}
