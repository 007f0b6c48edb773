package org.ticketpipeline.classifier.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark's options are checked before its minutes of work: a typo or a zero is said, not run. */
class ClassifierBenchmarkOptionsTest {

    @Test
    void shouldTakeTheKnownOptionsAndRefuseTheRestInASentence() {
        assertThat(ClassifierBenchmark.options(new String[] {"--tickets", "5000", "--rate", "100", "--warmup", "0"}))
                .isEqualTo(Map.of("tickets", "5000", "rate", "100", "warmup", "0"));
        assertThat(ClassifierBenchmark.options(new String[] {"--themes", "500, 20000"})).containsEntry("themes", "500, 20000");

        assertThatThrownBy(() -> ClassifierBenchmark.options(new String[] {"--ticket", "5000"})).hasMessage("unknown option '--ticket'");
        assertThatThrownBy(() -> ClassifierBenchmark.options(new String[] {"--tickets"})).hasMessage("option --tickets has no value");
        assertThatThrownBy(() -> ClassifierBenchmark.options(new String[] {"--tickets", "abc"}))
                .hasMessage("--tickets must be a whole number of at least 1, got 'abc'");
        assertThatThrownBy(() -> ClassifierBenchmark.options(new String[] {"--rate", "0"})).hasMessage("--rate must be a whole number of at least 1, got '0'");
        assertThatThrownBy(() -> ClassifierBenchmark.options(new String[] {"--watch", "1000,x"}))
                .hasMessage("--watch must be a whole number of at least 1, got 'x'");
        assertThatThrownBy(() -> ClassifierBenchmark.options(new String[] {"tickets", "5"})).hasMessage("unknown option 'tickets'");
    }
}
