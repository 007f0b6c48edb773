package org.ticketpipeline.classifier.sorting;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The team's theme taxonomy, read from YAML (see {@code taxonomy.yml}). */
public record Taxonomy(List<TaxonomyTheme> themes) {

    public static Taxonomy fromClasspath(String resource) {
        try (InputStream in = Taxonomy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("taxonomy resource " + resource + " not found");
            }
            return parse(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Taxonomy fromFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read taxonomy " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Taxonomy parse(InputStream in, String source) {
        Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        if (!(root instanceof Map<?, ?> map) || !(map.get("themes") instanceof List<?> list)) {
            throw new IllegalArgumentException(source + ": a taxonomy is a map with a 'themes' list");
        }
        List<TaxonomyTheme> themes = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> theme) || !(theme.get("name") instanceof String name) || name.isBlank()) {
                throw new IllegalArgumentException(source + ": themes[" + i + "] needs a 'name'");
            }
            List<String> phrases = new ArrayList<>();
            if (theme.get("phrases") instanceof List<?> ps) {
                for (Object p : ps) {
                    String phrase = String.valueOf(p).strip().toLowerCase(Locale.ROOT);
                    if (p == null || phrase.isEmpty()) {
                        // an empty phrase would be found in every ticket
                        throw new IllegalArgumentException(source + ": theme '" + name + "' has an empty phrase");
                    }
                    phrases.add(phrase);
                }
            }
            themes.add(new TaxonomyTheme(name, phrases, (String) theme.get("system"), (String) theme.get("owner"), (String) theme.get("blocks")));
        }
        return new Taxonomy(List.copyOf(themes));
    }

    /** The name of the theme called {@code name}, whatever its case, as the taxonomy spells it. */
    public Optional<String> named(String name) {
        return themes.stream().map(TaxonomyTheme::name).filter(n -> n.equalsIgnoreCase(name.strip())).findFirst();
    }

    /** The first theme with a phrase in the text, and the phrase that matched. */
    public Optional<Match> match(String lowerCaseText) {
        for (TaxonomyTheme theme : themes) {
            for (String phrase : theme.phrases()) {
                if (foundAtAWordStart(lowerCaseText, phrase)) {
                    return Optional.of(new Match(theme, phrase));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the phrase appears where a word starts: "sync" finds "syncing" but not "async", and "vat"
     * finds "VAT" but not "activate" or "private". The end is left open, so a phrase finds its plurals
     * and "-ing" forms without a stemmer.
     */
    static boolean foundAtAWordStart(String text, String phrase) {
        for (int at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
            if (at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)) || !Character.isLetterOrDigit(phrase.charAt(0))) {
                return true;
            }
        }
        return false;
    }

    /** A taxonomy theme found in a ticket, with the phrase that revealed it. */
    public record Match(TaxonomyTheme theme, String phrase) {
    }
}
