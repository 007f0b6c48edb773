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
        String[][] words = new String[quotes.size()][];
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
     * A quote's distinct words of three characters or more (letters, digits, apostrophes), lower-cased
     * and sorted. This runs for every quote of the pool with every ticket a window counts, so it scans
     * code points and merges sorted arrays instead of splitting on a regular expression and building
     * hash sets (a quarter of the stream thread's time in the benchmark went there).
     */
    static String[] words(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> found = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= lower.length(); ) {
            int cp = i < lower.length() ? lower.codePointAt(i) : ' ';
            boolean inWord = i < lower.length() && isWordCodePoint(cp);
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                if (i - start > 2) {
                    found.add(lower.substring(start, i));
                }
                start = -1;
            }
            i += i < lower.length() ? Character.charCount(cp) : 1;
        }
        String[] sorted = found.toArray(String[]::new);
        Arrays.sort(sorted);
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (distinct == 0 || !sorted[i].equals(sorted[distinct - 1])) {
                sorted[distinct++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, distinct);
    }

    /** What the regular expression {@code [\p{L}\p{N}']} matches. */
    private static boolean isWordCodePoint(int cp) {
        if (cp < 128) {
            return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9' || cp == '\'';
        }
        int type = Character.getType(cp);
        return Character.isLetter(cp) || type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** Shared words over the shorter quote's words: a short quote inside a long one counts as close. */
    private static double overlap(String[] a, String[] b) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        int shared = 0;
        for (int i = 0, j = 0; i < a.length && j < b.length; ) {
            int order = a[i].compareTo(b[j]);
            if (order == 0) {
                shared++;
                i++;
                j++;
            } else if (order < 0) {
                i++;
            } else {
                j++;
            }
        }
        return (double) shared / Math.min(a.length, b.length);
    }
}
