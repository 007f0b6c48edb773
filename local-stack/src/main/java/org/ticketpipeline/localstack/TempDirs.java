package org.ticketpipeline.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Temporary directories that the stack, the benchmark and the tools remove when they stop. Each names the
 * process that made it (and a child process it started, the schema registry): a launcher killed outright
 * (kill -9, an IDE's stop button, the out-of-memory killer) runs no clean-up, and its directories (the
 * broker's topics, the services' state and logs) and its registry stayed for good. The next start of any
 * of them removes what a process no longer alive left, and stops the child it left running.
 */
public final class TempDirs {

    /** The process that made a directory: "pid start-millis". */
    static final String OWNER = ".owner";
    /** A child process that outlives its owner when the owner is killed outright (the registry's JVM). */
    static final String CHILD = ".child";

    private TempDirs() {
    }

    public static Path create(String prefix) {
        removeOrphans(prefix);
        try {
            // absolute: a java.io.tmpdir given relative (the benchmark's) would otherwise name another place in a child's own directory
            Path dir = Files.createTempDirectory(prefix).toAbsolutePath();
            Files.writeString(dir.resolve(OWNER), line(ProcessHandle.current()), StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory", e);
        }
    }

    /** Names {@code child} in {@code dir}, to be stopped should the directory's owner die without stopping it. */
    public static void recordChild(Path dir, ProcessHandle child) {
        try {
            Files.writeString(dir.resolve(CHILD), line(child), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // best effort: without it, an orphaned child is only not stopped for the owner
        }
    }

    /**
     * Removes the directories of {@code prefix} in the temp directory whose owner is no longer alive, after
     * stopping the child they name if it still runs. Directories that name no owner (made by an earlier version)
     * are left alone.
     */
    public static void removeOrphans(String prefix) {
        Path tmp = Paths.get(System.getProperty("java.io.tmpdir"));
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, prefix + "*")) {
            for (Path dir : dirs) {
                Optional<String> owner = read(dir.resolve(OWNER));
                if (Files.isDirectory(dir) && owner.isPresent() && running(owner.get()).isEmpty()) {
                    read(dir.resolve(CHILD)).flatMap(TempDirs::running).ifPresent(ProcessHandle::destroy);
                    deleteQuietly(dir);
                }
            }
        } catch (IOException | UncheckedIOException | SecurityException e) {
            // best effort: a directory that cannot be read is not ours to judge
        }
    }

    static String line(ProcessHandle process) {
        return process.pid() + " " + process.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L);
    }

    /**
     * The process a line names, while it runs: the same pid and the same start, as a pid is reused once its
     * process has ended, and a process that merely took the number over is not the one that was named.
     */
    static Optional<ProcessHandle> running(String line) {
        String[] parts = line.strip().split(" ");
        try {
            long pid = Long.parseLong(parts[0]);
            long started = parts.length > 1 ? Long.parseLong(parts[1]) : 0;
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(p -> started == 0 || p.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(0L) == started);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a leftover temp file must not fail a shutdown
        }
    }
}
