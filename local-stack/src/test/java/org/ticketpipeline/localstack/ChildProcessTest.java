package org.ticketpipeline.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildProcessTest {

    @Test
    void shouldTellWhoeverWatchesThatAChildStoppedOnItsOwnWithItsStatusAndLog(@TempDir Path dir) throws Exception {
        Path notAJar = Files.writeString(dir.resolve("service.jar"), "not a jar");
        CompletableFuture<Integer> exited = new CompletableFuture<>();

        try (ChildProcess child = ChildProcess.startJar("service", notAJar, List.of(), List.of(), Map.of(), dir, dir.resolve("logs/service.log"))) {
            child.whenItExits(exited::complete);

            // the JVM refuses the file and exits 1, as a service does when its streams stop for good
            assertThat(exited.get(60, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(child.isAlive()).isFalse();
            assertThat(child.logTail()).containsIgnoringCase("jar");
        }
    }
}
