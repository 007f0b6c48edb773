package org.ticketpipeline.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ticketpipeline.classifier.sorting.TaxonomyFile;
import org.ticketpipeline.localstack.KafkaStack;
import org.ticketpipeline.localstack.KafkaStackExtension;
import org.ticketpipeline.schemas.SortedTicket;
import reactor.core.publisher.Mono;

/** {@code classifier.taxonomy-file}: the team's themes sort the stream, through the broker, and a refused edit is said in /health. */
@ExtendWith(KafkaStackExtension.class)
class TaxonomySettingIT {

    @TempDir
    Path dir;

    @Test
    void shouldThemeWithTheTeamsFileAndSayInTheHealthDetailsWhenAnEditIsRefused(KafkaStack stack) throws Exception {
        Path file = Files.writeString(dir.resolve("team.yml"), "themes:\n  - name: Zorblax sync\n    phrases: [zorblax]\n    system: zorblax-runner\n");
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (ApplicationContext classifier = ClassifierService.start(stack, "classifier-taxonomy-it-" + UUID.randomUUID(), dir.resolve("state"),
                Map.of("classifier.taxonomy-file", file.toString()))) {
            SortedTicket sorted = ClassifierService.sortedThrough(stack, Tickets.created("e1-" + run, "t1-" + run,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS), "Zorblax sync", "The zorblax sync stops half way through."));
            assertThat(sorted.getTheme()).isEqualTo("Zorblax sync");
            assertThat(sorted.getThemeSource()).isEqualTo("taxonomy");
            assertThat(taxonomyHealth(classifier).getDetails()).isEqualTo(Map.of("source", file.toString(), "themes", 1));

            Files.writeString(file, "themes:\n  - name: Zorblax sync\n    phrase: [zorblax]\n");
            TaxonomyFile watched = classifier.getBean(org.ticketpipeline.classifier.app.ClassifierStreams.class).taxonomyFile().orElseThrow();
            watched.reloadIfChanged(); // as the file watch does every 5 s, twice alike
            watched.reloadIfChanged();

            HealthResult health = taxonomyHealth(classifier);
            assertThat(health.getStatus().getName()).as("the sorting goes on with the previous taxonomy").isEqualTo("UP");
            assertThat(((Map<?, ?>) health.getDetails()).get("refused")).asString().contains("team.yml").contains("'phrase'")
                    .contains("the previous taxonomy is in use");
        }
    }

    private static HealthResult taxonomyHealth(ApplicationContext classifier) {
        return classifier.getBeansOfType(HealthIndicator.class).stream().map(i -> Mono.from(i.getResult()).block())
                .filter(r -> r.getName().equals("taxonomy")).findFirst().orElseThrow();
    }
}
