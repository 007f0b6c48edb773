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
}
