package org.ticketpipeline.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The three services as child JVMs against a running {@link KafkaStack}, each from its module's built
 * jar ({@code <module>/target/<module>.jar}), configured by environment variables exactly as
 * {@code docker-compose.yml} configures them. Ready when every {@code /health} answers 200.
 */
public final class PipelineServices implements AutoCloseable {

    /** The HTTP ports of the three services. */
    public record Ports(int ingest, int classifier, int reading) {
        public static final Ports DEFAULTS = new Ports(8081, 8082, 8083);

        public static Ports free() {
            return new Ports(FreePorts.next(), FreePorts.next(), FreePorts.next());
        }
    }

    private final List<ChildProcess> children = new ArrayList<>();
    private final Ports ports;
    private final Path workDir;
    private final Map<String, String> extraEnv;
    private Path root;
    private Map<String, String> kafkaEnv;

    private PipelineServices(Ports ports, Path workDir, Map<String, String> extraEnv) {
        this.ports = ports;
        this.workDir = workDir;
        this.extraEnv = extraEnv;
    }

    /**
     * Refuses ports another process holds, before anything starts: said after the broker and the registry had
     * started, it cost a wait for nothing. A run stopped a moment ago (or killed) may still be letting go.
     */
    public static void requireFree(Ports ports) {
        java.net.InetAddress listensOn;
        try {
            // where the services will listen (MICRONAUT_SERVER_HOST): 0.0.0.0 tries the wildcard, so a port held on any one address is taken
            listensOn = java.net.InetAddress.getByName(System.getenv().getOrDefault("MICRONAUT_SERVER_HOST", "127.0.0.1"));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("MICRONAUT_SERVER_HOST '" + System.getenv("MICRONAUT_SERVER_HOST") + "' is no address of this machine");
        }
        for (int port : List.of(ports.ingest(), ports.classifier(), ports.reading())) {
            if (!FreePorts.isFree(listensOn, port)) {
                throw new IllegalStateException("port " + port + " is taken: stop what uses it (a run stopped a moment ago may still be "
                        + "letting go) or choose other ports (--ingest-port, --classifier-port, --reading-port)");
            }
        }
        // free now, and kept so: the broker and the registry, started before the services, pick ports of their own
        FreePorts.reserve(ports.ingest(), ports.classifier(), ports.reading());
    }

    /** Starts ingest, classifier and reading services from the repository at {@code root}. */
    public static PipelineServices start(KafkaStack stack, Path root, Ports ports, Duration timeout) {
        return start(stack, root, ports, timeout, Map.of());
    }

    /** As {@link #start(KafkaStack, Path, Ports, Duration)}, with more environment for every service (e.g. READING_DELIVERY_INTERVAL). */
    public static PipelineServices start(KafkaStack stack, Path root, Ports ports, Duration timeout, Map<String, String> extraEnv) {
        requireFree(ports);
        Path workDir = TempDirs.create("ticket-pipeline-");
        PipelineServices services = new PipelineServices(ports, workDir, extraEnv);
        Map<String, String> kafka = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                "KAFKA_SCHEMA_REGISTRY_URL", stack.registryUrl());
        services.root = root;
        services.kafkaEnv = kafka;
        try {
            services.launch(root, "ingest-service", ports.ingest(), kafka, Map.of());
            services.launch(root, "classifier-streams", ports.classifier(), kafka,
                    Map.of("CLASSIFIER_STATE_DIR", workDir.resolve("classifier-state").toString()));
            services.launch(root, "reading-service", ports.reading(), kafka,
                    Map.of("READING_STATE_DIR", workDir.resolve("reading-state").toString()));
            for (ChildProcess child : services.children) {
                child.awaitReady(services.healthUrl(child.name()), timeout);
            }
        } catch (RuntimeException e) {
            services.close();
            throw e;
        }
        return services;
    }

    private void launch(Path root, String module, int port, Map<String, String> kafka, Map<String, String> extra) {
        Path jar = root.resolve(module).resolve("target").resolve(module + ".jar");
        Map<String, String> env = new java.util.HashMap<>(kafka);
        // on this machine only, as the broker and the registry are: the ingest takes tickets from anyone who
        // reaches it, unauthenticated; MICRONAUT_SERVER_HOST=0.0.0.0 in the environment opens them to the network
        String host = System.getenv().getOrDefault("MICRONAUT_SERVER_HOST", "127.0.0.1");
        env.put("MICRONAUT_SERVER_HOST", host);
        // webhooks to this machine and its network (a receiver tried out locally) while only this machine can
        // subscribe them; opened to the network, the service's own default holds: public hosts only
        env.put("READING_WEBHOOK_PRIVATE_HOSTS", System.getenv().getOrDefault("READING_WEBHOOK_PRIVATE_HOSTS",
                String.valueOf(host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1"))));
        env.putAll(extra);
        env.putAll(extraEnv);
        env.putAll(absoluteFileSettings(System.getenv(), extraEnv, Paths.get("").toAbsolutePath()));
        env.put("MICRONAUT_SERVER_PORT", String.valueOf(port));
        // a launcher killed outright runs no shutdown hook: each service then ends itself
        env.put("PIPELINE_EXIT_WITH_PARENT", "true");
        // the services' temp files (ONNX Runtime unpacks its native library into a directory it never
        // removes) and the tokenizer's native library (DJL's cache, in the home directory by default) go
        // under the work directory, which close() removes, instead of piling up in /tmp and the home
        Path tmp = workDir.resolve("tmp");
        try {
            Files.createDirectories(tmp);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + tmp, e);
        }
        children.add(ChildProcess.startJar(module, jar,
                List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp,
                        "-DDJL_CACHE_DIR=" + tmp.resolve("djl")),
                List.of(), env, workDir, workDir.resolve("logs").resolve(module + ".log")));
    }

    /** Settings that name a file the user gives: the services run in their own working directory. */
    static final List<String> FILE_SETTINGS = List.of("CLASSIFIER_TAXONOMY_FILE", "CLASSIFIER_KIND_MODEL");

    /**
     * The file settings among the caller's environment and the extra one, each a relative path made
     * absolute against {@code from} (where the user ran the command), so that
     * {@code CLASSIFIER_KIND_MODEL=team.bin.gz ./run} finds the file it would find by hand.
     */
    static Map<String, String> absoluteFileSettings(Map<String, String> environment, Map<String, String> extra, Path from) {
        Map<String, String> out = new java.util.HashMap<>();
        for (String name : FILE_SETTINGS) {
            String value = extra.getOrDefault(name, environment.get(name));
            if (value != null && !value.isBlank()) {
                out.put(name, from.resolve(value).normalize().toString());
            }
        }
        return out;
    }

    /**
     * Where the services answer on this machine: the address they listen on, or loopback when they listen on
     * every address (a service told to listen on 192.168.1.20 only does not answer on 127.0.0.1).
     */
    static String reachableHost(String listensOn) {
        if (listensOn == null || listensOn.isBlank() || listensOn.equals("0.0.0.0") || listensOn.equals("::") || listensOn.equals("[::]")) {
            return "127.0.0.1";
        }
        return listensOn.contains(":") && !listensOn.startsWith("[") ? "[" + listensOn + "]" : listensOn;
    }

    /** The host the URLs a person is shown name: localhost, unless the services listen on one address only. */
    private static String printedHost() {
        String host = reachableHost(System.getenv().getOrDefault("MICRONAUT_SERVER_HOST", "127.0.0.1"));
        return host.equals("127.0.0.1") ? "localhost" : host;
    }

    private String healthUrl(String module) {
        return "http://" + reachableHost(System.getenv().getOrDefault("MICRONAUT_SERVER_HOST", "127.0.0.1")) + ":" + switch (module) {
            case "ingest-service" -> ports.ingest();
            case "classifier-streams" -> ports.classifier();
            default -> ports.reading();
        } + "/health";
    }

    /** Stops the reading service and starts it again on the same port and state, as an operator's restart would. */
    public void restartReading(Duration timeout) {
        restartReading(timeout, () -> { });
    }

    /** Stops the reading service, runs {@code whileDown} (what happens in the world meanwhile), and starts it again. */
    public void restartReading(Duration timeout, Runnable whileDown) {
        ChildProcess reading = children.stream().filter(c -> c.name().equals("reading-service")).findFirst().orElseThrow();
        reading.close();
        children.remove(reading);
        whileDown.run();
        launch(root, "reading-service", ports.reading(), kafkaEnv, Map.of("READING_STATE_DIR", workDir.resolve("reading-state").toString()));
        children.get(children.size() - 1).awaitReady(healthUrl("reading-service"), timeout);
    }

    public Ports ports() {
        return ports;
    }

    public String ingestUrl() {
        return "http://" + printedHost() + ":" + ports.ingest();
    }

    public String classifierUrl() {
        return "http://" + printedHost() + ":" + ports.classifier();
    }

    public String readingUrl() {
        return "http://" + printedHost() + ":" + ports.reading();
    }

    public Path logDir() {
        return workDir.resolve("logs");
    }

    public List<ChildProcess> children() {
        return List.copyOf(children);
    }

    /**
     * Stops the services in reverse order (readers first), then removes their state. The logs are kept when a
     * service had stopped on its own before (a crash, its streams stopped for good): the console showed only
     * their last lines, and removed with the rest they were the one record of why.
     */
    @Override
    public void close() {
        boolean oneStoppedOnItsOwn = children.stream().anyMatch(child -> !child.isAlive());
        for (int i = children.size() - 1; i >= 0; i--) {
            children.get(i).close();
        }
        if (oneStoppedOnItsOwn) {
            keepLogs(logDir()).ifPresent(kept -> System.err.println("a service had stopped on its own: the services' logs are kept in " + kept));
        }
        if (Files.exists(workDir)) {
            TempDirs.deleteQuietly(workDir);
        }
    }

    /** The logs moved out of the work directory, to a directory of their own that nothing removes. */
    static java.util.Optional<Path> keepLogs(Path logDir) {
        if (!Files.isDirectory(logDir)) {
            return java.util.Optional.empty();
        }
        try {
            Path kept = Files.createTempDirectory("ticket-pipeline-logs-");
            try (java.util.stream.Stream<Path> logs = Files.list(logDir)) {
                for (Path log : logs.toList()) {
                    Files.copy(log, kept.resolve(log.getFileName()));
                }
            }
            return java.util.Optional.of(kept);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return java.util.Optional.empty();
        }
    }
}
