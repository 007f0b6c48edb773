package org.ticketpipeline.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child JVM (the schema registry, or one of the services) with its output in a log file, ready when
 * an HTTP URL answers 200, destroyed with its own children on {@link #close()} and when this JVM exits
 * (Ctrl-C included), so no orphan outlives the stack.
 */
public final class ChildProcess implements AutoCloseable {

    private static final long STOP_WAIT_SECONDS = 30;

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Thread shutdownHook;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::destroy, "stop-" + name);
        try {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // started as the JVM began to stop (a Ctrl-C during the start): no hook would stop it, and nobody
            // would know it ran, holding its port after the command exited
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw shuttingDown;
        }
    }

    /** Starts {@code java <jvmArgs> -jar <jar> <args>} with the same JDK as this JVM. */
    public static ChildProcess startJar(String name, Path jar, List<String> jvmArgs, List<String> args,
                                        Map<String, String> env, Path workDir, Path logFile) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + ": " + jar + " does not exist; build the project first (mvn -DskipTests package)");
        }
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().putAll(env);
        try {
            Files.createDirectories(logFile.getParent());
            return new ChildProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until {@code url} answers 200, failing with the log's tail when the child dies or time runs out. */
    public ChildProcess awaitReady(String url, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + " before it was ready:\n" + logTail());
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(200);
        }
        destroy();
        throw new IllegalStateException(name + " not ready at " + url + " after " + timeout.toSeconds() + " s:\n" + logTail());
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** Runs {@code action} with the exit status once the child has exited, however it came to. */
    public void whenItExits(java.util.function.IntConsumer action) {
        process.onExit().thenAccept(p -> action.accept(p.exitValue()));
    }

    /** The last lines of the child's log, to explain a failure. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log at " + logFile + ")";
        }
    }

    @Override
    public void close() {
        destroy();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // already in shutdown: the hook is running or ran
        }
    }

    private void destroy() {
        if (!process.isAlive()) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            // longer than a service's own close (Kafka Streams leaving its group allows itself 20 s): a
            // killed member stays in its group until its session times out, and the next start sits idle
            if (!process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("{} did not stop in {} s; killing it", name, STOP_WAIT_SECONDS);
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
