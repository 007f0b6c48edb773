package org.ticketpipeline.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What a launcher killed outright leaves is removed by the next start; what a live one uses is not. */
class TempDirsTest {

    private static ProcessHandle ended() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        return gone.toHandle();
    }

    @Test
    void shouldRemoveTheDirectoriesOfAProcessNoLongerAliveAndStopTheChildItLeftRunning() throws Exception {
        String prefix = "tempdirs-test-" + ProcessHandle.current().pid() + "-";
        Path orphan = Files.createTempDirectory(prefix);
        Files.writeString(orphan.resolve(TempDirs.OWNER), ended().pid() + " 1"); // a pid whose process, started then, is gone
        Process registry = new ProcessBuilder("sleep", "60").start();
        TempDirs.recordChild(orphan, registry.toHandle());
        Path live = TempDirs.create(prefix);
        Path unnamed = Files.createTempDirectory(prefix);
        try {
            TempDirs.removeOrphans(prefix);

            assertThat(orphan).doesNotExist();
            assertThat(registry.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).as("the child it left is stopped").isTrue();
            assertThat(live).as("this process's own").exists();
            assertThat(unnamed).as("made by an earlier version: not ours to judge").exists();
        } finally {
            registry.destroyForcibly();
            TempDirs.deleteQuietly(live);
            TempDirs.deleteQuietly(unnamed);
            TempDirs.deleteQuietly(orphan);
        }
    }

    @Test
    void shouldNotTakeAProcessThatReusedAPidForTheOneNamed() throws Exception {
        ProcessHandle self = ProcessHandle.current();
        assertThat(TempDirs.running(TempDirs.line(self))).contains(self);
        assertThat(TempDirs.running(self.pid() + " 12345")).as("the same pid, another start").isEmpty();
        assertThat(TempDirs.running("not a pid")).isEmpty();
    }
}
