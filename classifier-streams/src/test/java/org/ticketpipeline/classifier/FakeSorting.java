package org.ticketpipeline.classifier;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ticketpipeline.classifier.sorting.Sorter;
import org.ticketpipeline.classifier.sorting.Sorting;
import org.ticketpipeline.classifier.sorting.Taxonomy;
import org.ticketpipeline.classifier.themes.TextVectors;
import org.ticketpipeline.schemas.TicketEvent;
import org.ticketpipeline.schemas.TicketKind;

/** Deterministic stand-ins for the model and the encoder, so topology tests test the topology. */
public final class FakeSorting {

    private FakeSorting() {
    }

    /** Noise when the ticket thanks, else a bug of the build; the taxonomy theme when one matches. */
    public static Sorter sorter() {
        Taxonomy taxonomy = Taxonomy.fromClasspath("/taxonomy.yml");
        return new Sorter() {
            @Override
            public Sorting sort(TicketEvent ticket) {
                String text = ((ticket.getSubject() == null ? "" : ticket.getSubject()) + " " + (ticket.getBody() == null ? "" : ticket.getBody()))
                        .toLowerCase(Locale.ROOT);
                Optional<Taxonomy.Match> theme = taxonomy.match(text);
                boolean noise = text.contains("thank") || text.contains("how do i");
                return new Sorting(noise ? TicketKind.NOISE : TicketKind.BUG, 0.9, noise ? null : "build",
                        theme.map(m -> m.theme().name()).orElse(null), theme.isPresent() ? "taxonomy" : "none",
                        List.of(noise ? "fake: thanks" : "fake: a bug"), noise ? "L1" : "L3");
            }

            @Override
            public Optional<String> themeNamed(String name) {
                return taxonomy.named(name);
            }
        };
    }

    /** A bag of words hashed into 64 dimensions, normalised: texts sharing words are close. */
    public static TextVectors vectors() {
        return text -> {
            float[] v = new float[64];
            for (String word : text.toLowerCase(Locale.ROOT).split("\\W+")) {
                if (word.length() > 3) {
                    v[Math.floorMod(word.hashCode(), 64)] += 1;
                }
            }
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            for (int i = 0; i < v.length; i++) {
                v[i] /= (float) Math.max(1e-9, Math.sqrt(norm));
            }
            return v;
        };
    }
}
