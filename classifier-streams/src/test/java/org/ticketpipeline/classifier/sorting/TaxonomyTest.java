package org.ticketpipeline.classifier.sorting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TaxonomyTest {

    private final Taxonomy shipped = Taxonomy.fromClasspath("/taxonomy.yml");

    @Test
    void shouldFindAPhraseWhereAWordStartsAndNotInsideAnother() {
        assertThat(shipped.match("the vat on my invoice is 25% instead of 20%"))
                .hasValueSatisfying(m -> assertThat(m.theme().name()).isEqualTo("invoice totals wrong"));
        for (String inside : new String[] {"i can't activate my account", "a private note disappeared", "my reservation is gone",
                "the elevated permissions prompt"}) {
            assertThat(shipped.match(inside)).as(inside).isEmpty();
        }
        assertThat(shipped.match("my notes stopped syncing"))
                .as("the end of a phrase stays open").hasValueSatisfying(m -> assertThat(m.phrase()).isEqualTo("sync"));
        assertThat(shipped.match("an async call in the sdk returns null")).isEmpty();
    }

    @Test
    void shouldFindAPhraseWhateverTheSpacesBetweenItsWords() {
        Taxonomy taxonomy = parse("themes:\n  - name: csv export\n    phrases: [csv export, \"bank  feed\"]\n");

        for (String text : new String[] {"the csv\nexport times out", "the csv  export times out", "the csv\u00a0export times out",
                "the csv \r\n export times out", "the bank feed stopped"}) {
            assertThat(taxonomy.match(text)).as(text).hasValueSatisfying(m -> assertThat(m.theme().name()).isEqualTo("csv export"));
        }
        assertThat(taxonomy.themes().get(0).phrases()).as("as the team wrote it, spaced once").containsExactly("csv export", "bank feed");
        assertThat(taxonomy.match("the csvexport times out")).isEmpty();
    }

    @Test
    void shouldNameAThemeAsTheTaxonomySpellsIt() {
        assertThat(shipped.named(" Invoice Totals WRONG")).hasValue("invoice totals wrong");
        assertThat(shipped.named("invoice totals")).isEmpty();
    }

    @Test
    void shouldRefuseAnEmptyPhrase() {
        String yaml = "themes:\n  - name: exports\n    phrases: [export, '  ']\n";
        assertThatThrownBy(() -> Taxonomy.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "team.yml"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("team.yml: theme 'exports' has an empty phrase");
    }

    private static Taxonomy parse(String yaml) {
        return Taxonomy.parse(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "team.yml");
    }

    @Test
    void shouldRefuseTheMistakesThatWouldQuietlyEmptyOrSplitATaxonomyNamingEach() {
        assertThatThrownBy(() -> parse("themes: []\n")).hasMessage("team.yml: the 'themes' list is empty; a taxonomy names at least one theme");
        assertThatThrownBy(() -> parse("themes:\n  - name: exports\n    phrases: csv export\n"))
                .hasMessage("team.yml: theme 'exports': 'phrases' is a list, such as [csv export, export fails]");
        assertThatThrownBy(() -> parse("themes:\n  - name: exports\n    phrase: [csv export]\n"))
                .hasMessage("team.yml: theme 'exports' has 'phrase', which is not one of name, phrases, system, owner, blocks (or description, notes)");
        assertThatThrownBy(() -> parse("themes:\n  - name: Login loop\n    phrases: [login]\n  - name: login loop\n    phrases: [log in]\n"))
                .hasMessage("team.yml: theme 'login loop' repeats theme 'Login loop' (names are compared whatever their case)");
        assertThatThrownBy(() -> parse("themes:\n  - name: exports\n    phrases: [export]\n    owner: [a, b]\n"))
                .hasMessage("team.yml: theme 'exports': 'owner' is text, got [a, b]");
    }

    @Test
    void shouldRefuseAPhraseAThemeAboveItAlwaysCatchesFirst() {
        assertThatThrownBy(() -> parse("themes:\n  - name: Exports\n    phrases: [export]\n  - name: CSV export\n    phrases: [csv, csv export]\n"))
                .hasMessage("team.yml: theme 'CSV export' has the phrase 'csv export', which theme 'Exports' above it always catches first "
                        + "(its phrase 'export'; the first theme in the file with a phrase in the ticket wins): put 'CSV export' above it, or drop the phrase");
        assertThatThrownBy(() -> parse("themes:\n  - name: A\n    phrases: [sso]\n  - name: B\n    phrases: [SSO]\n"))
                .hasMessageContaining("theme 'B' has the phrase 'sso', which theme 'A' above it");
        assertThat(parse("themes:\n  - name: CSV export\n    phrases: [csv export]\n  - name: Exports\n    phrases: [export]\n")
                .match("the csv export fails").orElseThrow().theme().name()).as("the narrower theme above").isEqualTo("CSV export");
    }

    @Test
    void shouldRefuseAKeyWrittenTwiceRatherThanKeepTheLastQuietly() {
        assertThatThrownBy(() -> parse("themes:\n  - name: A\n    phrases: [x]\nthemes:\n  - name: B\n    phrases: [y]\n"))
                .hasMessageContaining("team.yml").hasMessageContaining("duplicate key themes");
        assertThatThrownBy(() -> parse("themes:\n  - name: A\n    phrases: [x]\n    name: B\n    phrases: [y]\n"))
                .hasMessageContaining("duplicate key name");
    }

    @Test
    void shouldReadEveryPhraseAndNameAsTheTextWritten() {
        // YAML 1.1 reads these as a number, booleans, a sexagesimal and a date
        Taxonomy taxonomy = parse("themes:\n  - name: 404\n    phrases: [0x80070005, on, no, 12:30, 2024-01-01]\n    owner: 42\n");

        assertThat(taxonomy.themes()).singleElement().satisfies(theme -> {
            assertThat(theme.name()).isEqualTo("404");
            assertThat(theme.phrases()).containsExactly("0x80070005", "on", "no", "12:30", "2024-01-01");
            assertThat(theme.owner()).isEqualTo("42");
        });
    }

    @Test
    void shouldTakeAFieldLeftEmptyAsLeftOutAndKeepMergeKeys() {
        Taxonomy taxonomy = parse("""
                defaults: &squad
                  owner: billing squad
                themes:
                  - name: invoice totals wrong
                    phrases: [invoice total]
                    system: ~
                    blocks:
                    <<: *squad
                  - name: coming soon
                    phrases:
                    description: the team's own note, not read
                """);

        assertThat(taxonomy.themes().get(0).system()).as("no system, not the text '~'").isNull();
        assertThat(taxonomy.themes().get(0).blocks()).isNull();
        assertThat(taxonomy.themes().get(0).owner()).isEqualTo("billing squad");
        assertThat(taxonomy.themes().get(1).phrases()).isEmpty();
    }
}
