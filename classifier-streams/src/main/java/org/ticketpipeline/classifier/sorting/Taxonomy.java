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

    /**
     * The keys a theme takes: another ("phrase", "owners") is a typo that would leave the theme without it.
     * {@code description} and {@code notes} are the team's own words about a theme, kept in the file and not read.
     */
    private static final java.util.Set<String> THEME_KEYS = java.util.Set.of("name", "phrases", "system", "owner", "blocks", "description", "notes");

    static Taxonomy parse(InputStream in, String source) {
        Object root;
        try {
            root = yaml().load(in);
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) {
            // where and what, in one line: the parser's own message draws the line with a caret, over several
            org.yaml.snakeyaml.error.Mark at = e.getProblemMark();
            throw new IllegalArgumentException(source + (at == null ? "" : " line " + (at.getLine() + 1) + ", column " + (at.getColumn() + 1))
                    + ": " + e.getProblem(), e);
        } catch (org.yaml.snakeyaml.error.YAMLException e) {
            throw new IllegalArgumentException(source + ": not YAML a taxonomy can be read from: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> map) || !(map.get("themes") instanceof List<?> list)) {
            throw new IllegalArgumentException(source + ": a taxonomy is a map with a 'themes' list");
        }
        if (list.isEmpty()) {
            // everything commented out, or a file cut short: every ticket would turn emerging at once
            throw new IllegalArgumentException(source + ": the 'themes' list is empty; a taxonomy names at least one theme");
        }
        List<TaxonomyTheme> themes = new ArrayList<>();
        Map<String, String> seen = new java.util.HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> theme) || !(theme.get("name") instanceof String name) || name.isBlank()) {
                throw new IllegalArgumentException(source + ": themes[" + i + "] needs a 'name'");
            }
            String where = source + ": theme '" + name + "'";
            for (Object key : theme.keySet()) {
                if (!THEME_KEYS.contains(String.valueOf(key))) {
                    throw new IllegalArgumentException(where + " has '" + key + "', which is not one of name, phrases, system, owner, blocks (or description, notes)");
                }
            }
            String before = seen.putIfAbsent(name.strip().toLowerCase(Locale.ROOT), name);
            if (before != null) {
                // windows and watches key a theme by its name: two spellings would count one theme in two rows
                throw new IllegalArgumentException(where + " repeats theme '" + before + "' (names are compared whatever their case)");
            }
            List<String> phrases = new ArrayList<>();
            Object given = theme.get("phrases");
            if (given != null && !(given instanceof List<?>)) {
                throw new IllegalArgumentException(where + ": 'phrases' is a list, such as [csv export, export fails]");
            }
            if (given instanceof List<?> ps) {
                for (Object p : ps) {
                    if (p == null) {
                        throw new IllegalArgumentException(where + " has an empty phrase (an empty value, ~ or null is none: "
                                + "to match the word null, quote it, 'null')");
                    }
                    if (!(p instanceof String text) || text.isBlank()) {
                        // an empty phrase would be found in every ticket
                        throw new IllegalArgumentException(where + " has an empty phrase");
                    }
                    phrases.add(spacedAsMatched(text.strip().toLowerCase(Locale.ROOT)));
                }
            }
            themes.add(new TaxonomyTheme(name, phrases, text(theme, "system", where), text(theme, "owner", where), text(theme, "blocks", where)));
        }
        refuseCaughtFirst(themes, source);
        return new Taxonomy(List.copyOf(themes));
    }

    /**
     * Refuses a phrase that a theme above it always catches first: the first theme in the file with a phrase in
     * the ticket wins, so "csv export" under a theme with "export" would never give its theme a ticket, and
     * nothing would say so.
     */
    private static void refuseCaughtFirst(List<TaxonomyTheme> themes, String source) {
        for (int later = 1; later < themes.size(); later++) {
            for (String phrase : themes.get(later).phrases()) {
                for (int earlier = 0; earlier < later; earlier++) {
                    for (String catches : themes.get(earlier).phrases()) {
                        if (foundAtAWordStart(phrase, catches)) {
                            throw new IllegalArgumentException(source + ": theme '" + themes.get(later).name() + "' has the phrase '" + phrase
                                    + "', which theme '" + themes.get(earlier).name() + "' above it always catches first (its phrase '" + catches
                                    + "'; the first theme in the file with a phrase in the ticket wins): put '" + themes.get(later).name()
                                    + "' above it, or drop the phrase");
                        }
                    }
                }
            }
        }
    }

    /** A text field, or null when it is left out or left empty ("system:" with nothing after it is no system). */
    private static String text(Map<?, ?> theme, String key, String where) {
        Object value = theme.get(key);
        if (value != null && !(value instanceof String)) {
            throw new IllegalArgumentException(where + ": '" + key + "' is text, got " + value);
        }
        return value == null || ((String) value).isBlank() ? null : ((String) value).strip();
    }

    /**
     * Every scalar read as the text it is: YAML 1.1 would turn the phrase 0x80070005 into 2147942405,
     * "on" and "no" into true and false, 12:30 into 750 and a date into a Date, none of which a ticket says.
     */
    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        // a key written twice is refused: by default the second would quietly win, and a second 'themes:' block
        // pasted at the end would drop every theme above it (merge keys, <<: *defaults, still override)
        options.setAllowDuplicateKeys(false);
        return new Yaml(new SafeConstructor(options), new org.yaml.snakeyaml.representer.Representer(new org.yaml.snakeyaml.DumperOptions()),
                new org.yaml.snakeyaml.DumperOptions(), options, new org.yaml.snakeyaml.resolver.Resolver() {
                    @Override
                    protected void addImplicitResolvers() {
                        // only "no value" (empty, ~, null) and merge keys (<<: *defaults); other plain scalars stay strings
                        addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, EMPTY, null);
                        addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.NULL, NULL, "~nN\0");
                        addImplicitResolver(org.yaml.snakeyaml.nodes.Tag.MERGE, MERGE, "<");
                    }
                });
    }

    /** The name of the theme called {@code name}, whatever its case, as the taxonomy spells it. */
    public Optional<String> named(String name) {
        return themes.stream().map(TaxonomyTheme::name).filter(n -> n.equalsIgnoreCase(name.strip())).findFirst();
    }

    /** The first theme with a phrase in the text, and the phrase that matched. */
    public Optional<Match> match(String lowerCaseText) {
        String text = spacedAsMatched(lowerCaseText);
        for (TaxonomyTheme theme : themes) {
            for (String phrase : theme.phrases()) {
                if (foundAtAWordStart(text, phrase)) {
                    return Optional.of(new Match(theme, phrase));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The text with every run of spaces, line breaks, tabs and no-break spaces as one space: the phrase "csv
     * export" finds "CSV\nexport" in a hard-wrapped mail and "CSV  export", and a phrase typed with two spaces
     * still finds anything. Most texts hold nothing but single spaces, and are returned as they are.
     */
    static String spacedAsMatched(String text) {
        boolean plain = true;
        for (int i = 0; i < text.length() && plain; i++) {
            char c = text.charAt(i);
            plain = !(c == '\n' || c == '\r' || c == '\t' || c == '\u00a0' || c == ' ' && i + 1 < text.length() && text.charAt(i + 1) == ' ');
        }
        return plain ? text : SPACING.matcher(text).replaceAll(" ");
    }

    private static final java.util.regex.Pattern SPACING = java.util.regex.Pattern.compile("[\\s\u00a0]+");

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
