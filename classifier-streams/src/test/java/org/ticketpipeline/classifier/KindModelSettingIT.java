package org.ticketpipeline.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ticketpipeline.classifier.sorting.KindModel;
import org.ticketpipeline.localstack.KafkaStack;
import org.ticketpipeline.localstack.KafkaStackExtension;
import org.ticketpipeline.schemas.SortedTicket;
import org.ticketpipeline.schemas.TicketKind;

/** {@code classifier.kind-model}: a team's own model (say, trained with its corrections) sorts the stream, through the broker. */
@ExtendWith(KafkaStackExtension.class)
class KindModelSettingIT {

    @TempDir
    Path dir;

    @Test
    void shouldSortWithTheKindModelTheSettingNames(KafkaStack stack) throws Exception {
        // a team for whom "how do I ..." asks for something the product lacks: brief input, where the shipped model says noise
        String question = "How do I use the export?\nWhere can I find the export in the menu?";
        assertThat(KindModel.shipped().predict(question).kind()).isEqualTo(TicketKind.NOISE);
        Path model = teamModel();
        String run = UUID.randomUUID().toString().substring(0, 8);

        try (ApplicationContext classifier = ClassifierService.start(stack, "classifier-kind-model-it-" + UUID.randomUUID(), dir.resolve("state"),
                Map.of("classifier.kind-model", model.toString()))) {
            SortedTicket sorted = ClassifierService.sortedThrough(stack, Tickets.created("e1-" + run, "t1-" + run,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS), "How do I use the export?", "Where can I find the export in the menu?"));

            assertThat(sorted.getKind()).isEqualTo(TicketKind.BRIEF_INPUT);
        }
    }

    @Test
    void shouldRefuseToStartOnAMissingOrDamagedModelAndSayWhich(KafkaStack stack) throws Exception {
        Path missing = dir.resolve("no-such-model.bin.gz");
        Path damaged = Files.writeString(dir.resolve("damaged.bin.gz"), "not a model");
        for (Path file : List.of(missing, damaged)) {
            assertThatThrownBy(() -> ApplicationContext.run(Map.of(
                    "micronaut.server.port", -1,
                    "kafka.bootstrap-servers", stack.bootstrapServers(),
                    "kafka.schema-registry-url", stack.registryUrl(),
                    "classifier.application-id", "classifier-kind-model-it-" + UUID.randomUUID(),
                    "classifier.state-dir", dir.resolve("state-refused").toString(),
                    "classifier.kind-model", file.toString())))
                    .satisfies(e -> assertThat(causes(e)).as("the start fails with what is wrong with the file")
                            .anyMatch(c -> c instanceof IllegalArgumentException && c.getMessage().startsWith("kind model " + file + ": ")
                                    && (c.getMessage().contains("no such file") || c.getMessage().contains("train it again"))));
        }
    }

    /** Bugs, requests, and "how do I" labelled as requests: what a team's corrections might teach. */
    private Path teamModel() throws Exception {
        List<KindModel.Example> examples = new ArrayList<>();
        for (String s : List.of("export", "login", "invoice", "search", "upload", "report", "profile", "billing")) {
            examples.add(new KindModel.Example("The " + s + " crashes\nIt crashes with an exception, every time I open " + s + ".", TicketKind.BUG));
            examples.add(new KindModel.Example("Please add " + s + " to the mobile app\nIt would be great to have " + s + " on mobile.",
                    TicketKind.BRIEF_INPUT));
            examples.add(new KindModel.Example("How do I use " + s + "?\nWhere can I find " + s + " in the menu?", TicketKind.BRIEF_INPUT));
            examples.add(new KindModel.Example("Thanks, all sorted\nThank you, " + s + " works now, you can close this.", TicketKind.NOISE));
        }
        Path file = dir.resolve("team-model.bin.gz");
        try (OutputStream out = Files.newOutputStream(file)) {
            KindModel.train(examples, 1 << 16, 16, 1).write(out);
        }
        return file;
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = e; c != null && !chain.contains(c); c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }
}
