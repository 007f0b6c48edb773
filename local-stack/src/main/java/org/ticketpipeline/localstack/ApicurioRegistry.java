package org.ticketpipeline.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio Registry (in-memory storage) as a child JVM on a free loopback port. Its
 * Confluent-compatible API, which our serdes speak, is at {@link #url()}.
 *
 * <p>The registry's distribution is unpacked by the {@code local-stack} build into
 * {@code local-stack/target/apicurio}; {@code -Dapicurio.home} or {@code APICURIO_HOME} point
 * elsewhere.
 */
public final class ApicurioRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistry.class);
    static final String CCOMPAT_PATH = "/apis/ccompat/v7";

    private final int port;
    private final Path workDir;
    private ChildProcess process;

    public ApicurioRegistry() {
        this.port = FreePorts.next();
        this.workDir = TempDirs.create("apicurio-");
    }

    public synchronized ApicurioRegistry start() {
        if (process != null) {
            return this;
        }
        long started = System.nanoTime();
        Path jar = runnerJar();
        process = ChildProcess.startJar("schema registry (Apicurio)", jar,
                List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                        "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1",
                        "-Dquarkus.log.level=WARN", "-Dquarkus.banner.enabled=false"),
                List.of(), Map.of(), workDir, workDir.resolve("apicurio.log"));
        // named in its directory: a launcher killed outright leaves it running, and the next start stops it
        ProcessHandle.of(process.pid()).ifPresent(registry -> TempDirs.recordChild(workDir, registry));
        process.awaitReady(url() + "/subjects", Duration.ofSeconds(90));
        LOG.info("schema registry (Apicurio) up at {} in {} ms", url(), (System.nanoTime() - started) / 1_000_000);
        return this;
    }

    /** The Confluent-compatible API base URL. */
    public String url() {
        return "http://127.0.0.1:" + port + CCOMPAT_PATH;
    }

    public long pid() {
        return process == null ? -1 : process.pid();
    }

    static Path runnerJar() {
        Path home = home().orElseThrow(() -> new IllegalStateException(
                "Apicurio Registry is not unpacked: run 'mvn -pl local-stack generate-resources' "
                        + "(or set -Dapicurio.home / APICURIO_HOME to an unpacked apicurio-registry-app)"));
        try (Stream<Path> files = Files.list(home)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no *-runner.jar in " + home));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Beside this code (local-stack/target/local-stack.jar, or .../target/classes): found whatever the working directory. */
    static Optional<Path> besideCode() {
        try {
            Path code = Paths.get(ApicurioRegistry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path beside = code.getParent() == null ? null : code.getParent().resolve("apicurio");
            return beside != null && Files.isDirectory(beside) ? Optional.of(beside) : Optional.empty();
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return Optional.empty(); // no code source to go by (an unusual class loader): the working directory's search
        }
    }

    private static Optional<Path> home() {
        String configured = Optional.ofNullable(System.getProperty("apicurio.home")).orElse(System.getenv("APICURIO_HOME"));
        if (configured != null && Files.isDirectory(Paths.get(configured))) {
            return Optional.of(Paths.get(configured));
        }
        Optional<Path> beside = besideCode();
        if (beside.isPresent()) {
            return beside;
        }
        // from the repository root or any module directory
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("local-stack/target/apicurio");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            process.close();
            process = null;
        }
        TempDirs.deleteQuietly(workDir);
    }
}
