package org.ticketpipeline.classifier.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
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
        List<Set<String>> words = quotes.stream().map(RepresentativeQuotes::words).toList();
        double[] scores = new double[quotes.size()];
        for (int i = 0; i < quotes.size(); i++) {
            for (int j = 0; j < quotes.size(); j++) {
                if (i != j) {
                    scores[i] += overlap(words.get(i), words.get(j));
                }
            }
        }
        return scores;
    }

    private static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+")) {
            if (w.length() > 2) {
                out.add(w);
            }
        }
        return out;
    }

    /** Shared words over the shorter quote's words: a short quote inside a long one counts as close. */
    private static double overlap(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return 0;
        }
        Set<String> both = new HashSet<>(a);
        both.retainAll(b);
        return (double) both.size() / Math.min(a.size(), b.size());
    }
}
