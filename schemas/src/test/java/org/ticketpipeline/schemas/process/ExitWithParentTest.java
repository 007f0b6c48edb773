package org.ticketpipeline.schemas.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service started by the run command ends when the command is killed outright; one started otherwise does not. */
class ExitWithParentTest {

    /** Stands for a service: watches its parent when asked, then waits to be ended. */
    public static final class Service {
        public static void main(String[] args) throws Exception {
            ExitWithParent.ifAsked(System.getenv());
            Thread.sleep(60_000);
        }
    }

    @Test
    void shouldEndAServiceWhenTheProcessThatStartedItIsKilledOutrightAndOnlyWhenAsked(@TempDir Path dir) throws Exception {
        ProcessHandle asked = childOfAKilledParent(dir.resolve("asked.pid"), true);
        ProcessHandle notAsked = childOfAKilledParent(dir.resolve("not-asked.pid"), false);
        try {
            assertThat(asked.onExit().completeOnTimeout(null, 20, TimeUnit.SECONDS).get()).as("ended with its parent").isNotNull();
            Thread.sleep(1000);
            assertThat(notAsked.isAlive()).as("not asked: left alone").isTrue();
        } finally {
            asked.destroyForcibly();
            notAsked.destroyForcibly();
        }
    }

    /** Starts a shell that starts the service in the background and waits; kills the shell with SIGKILL; returns the service. */
    private static ProcessHandle childOfAKilledParent(Path pidFile, boolean ask) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder parent = new ProcessBuilder("bash", "-c", "\"$0\" -cp \"$1\" \"$3\" & echo $! > \"$2\"; wait",
                java, System.getProperty("java.class.path"), pidFile.toString(), Service.class.getName());
        parent.environment().put(ExitWithParent.ENV, String.valueOf(ask));
        parent.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process shell = parent.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while ((!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        Optional<ProcessHandle> service = ProcessHandle.of(pid);
        assertThat(service).isPresent();
        Thread.sleep(1500); // the service's JVM up and watching
        assertThat(service.get().isAlive()).as("the service runs until its parent is killed").isTrue();
        shell.toHandle().destroyForcibly(); // SIGKILL: no shutdown hook of the parent runs
        shell.waitFor(10, TimeUnit.SECONDS);
        return service.get();
    }
}
