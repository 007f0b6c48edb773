package org.ticketpipeline.classifier.topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * A theme's representative quotes, kept as tickets stream in: a small pool of distinct quotes where
 * a newcomer pushes out the one that shares the fewest words with the others, and the quotes shown
 * are the pool's most central ones. So a theme shows what most of its tickets say, not whatever came
 * first or an odd one out. Written by hand: a streaming medoid over a handful of short texts, which is
 * a few lines here and no library offers at this size.
 */
final class RepresentativeQuotes {

    static final int POOL = 6;
    static final int SHOWN = 3;

    private RepresentativeQuotes() {
    }

    /** The pool with {@code quote} offered to it: added while there is room, else kept only if more central than the least central. */
    static List<String> offer(List<String> pool, String quote) {
        if (quote == null || quote.isBlank() || pool.contains(quote)) {
            return pool;
        }
        List<String> out = new ArrayList<>(pool);
        out.add(quote);
        if (out.size() <= POOL) {
            return out;
        }
        double[] scores = scores(out);
        // on a tie the newcomer goes: quotes already shown stay put
        int leastCentral = out.size() - 1;
        for (int i = out.size() - 2; i >= 0; i--) {
            if (scores[i] < scores[leastCentral]) {
                leastCentral = i;
            }
        }
        out.remove(leastCentral);
        return out;
    }

    /** The {@link #SHOWN} most central quotes of the pool, most central first (pool order on a tie). */
    static List<String> shown(List<String> pool) {
        double[] scores = scores(pool);
        return IntStream.range(0, pool.size()).boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparing(i -> i))
                .limit(SHOWN).map(pool::get).toList();
    }

    private static double[] scores(List<String> quotes) {
        int[][] words = new int[quotes.size()][];
        for (int i = 0; i < words.length; i++) {
            words[i] = words(quotes.get(i));
        }
        double[] scores = new double[quotes.size()];
        for (int i = 0; i < words.length; i++) {
            for (int j = i + 1; j < words.length; j++) {
                double overlap = overlap(words[i], words[j]);
                scores[i] += overlap;
                scores[j] += overlap;
            }
        }
        return scores;
    }

    /**
     * A quote's distinct words of three letters or more (letters, digits, apostrophes), lower-cased,
     * as sorted hashes. This runs for every quote of the pool with every ticket a window counts, so it
     * scans characters and compares ints instead of splitting on a regular expression and building
     * sets of strings (a quarter of the stream thread's time in the benchmark); two words sharing a
     * hash would only make two quotes look a little closer.
     */
    static int[] words(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int[] hashes = new int[16];
        int count = 0;
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            boolean inWord = i < lower.length() && isWordChar(lower.charAt(i));
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                if (i - start > 2) {
                    if (count == hashes.length) {
                        hashes = Arrays.copyOf(hashes, count * 2);
                    }
                    hashes[count++] = lower.substring(start, i).hashCode();
                }
                start = -1;
            }
        }
        Arrays.sort(hashes, 0, count);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (distinct == 0 || hashes[i] != hashes[distinct - 1]) {
                hashes[distinct++] = hashes[i];
            }
        }
        return Arrays.copyOf(hashes, distinct);
    }

    private static boolean isWordChar(char c) {
        if (c < 128) {
            return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '\'';
        }
        int type = Character.getType(c);
        return Character.isLetter(c) || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** Shared words over the shorter quote's words: a short quote inside a long one counts as close. */
    private static double overlap(int[] a, int[] b) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        int shared = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            if (a[i] == b[j]) {
                shared++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) shared / Math.min(a.length, b.length);
    }
}
