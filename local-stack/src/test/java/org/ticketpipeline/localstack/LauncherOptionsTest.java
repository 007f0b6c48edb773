package org.ticketpipeline.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** ./run's options: a mistake is a sentence and the usage, not a stack trace. */
class LauncherOptionsTest {

    @Test
    void shouldSayWhatIsWrongWithTheOptionsAndShowTheUsage() {
        assertThatThrownBy(() -> Launcher.Options.parse(new String[] {"--ingest-port", "x"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("a port is a number from 1 to 65535").hasMessageContaining("--demo");
        assertThatThrownBy(() -> Launcher.Options.parse(new String[] {"--demo", "--root"}))
                .hasMessageStartingWith("an option needs its value: --demo --root");
        assertThatThrownBy(() -> Launcher.Options.parse(new String[] {"--dmeo"})).hasMessageStartingWith("unknown option --dmeo");
        assertThatThrownBy(() -> Launcher.Options.parse(new String[] {"--reading-port", "70000"}))
                .hasMessageStartingWith("a port is a number from 1 to 65535, got 70000");
        assertThatThrownBy(() -> Launcher.Options.parse(new String[] {"--ingest-port", "9000", "--reading-port", "9000"}))
                .hasMessageStartingWith("the three services need three ports, got 9000, 8082, 9000");
    }

    @Test
    void shouldTakeTheOptionsAsGiven() {
        Launcher.Options options = Launcher.Options.parse(new String[] {"--demo", "--ingest-port", "9081"});

        assertThat(options.demo()).isTrue();
        assertThat(options.ports().ingest()).isEqualTo(9081);
        assertThat(Launcher.Options.parse(new String[] {"--help"})).isNull();
    }
}
