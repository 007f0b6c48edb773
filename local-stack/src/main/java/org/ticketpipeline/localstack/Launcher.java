package org.ticketpipeline.localstack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The run command: a real KRaft broker and schema registry, then the three services, in one process
 * tree that Ctrl-C stops whole. {@code --demo} loads the sample of {@link DemoData} through the
 * ingest service's HTTP API.
 */
public final class Launcher {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Launcher() {
    }

    /** Removes the stop hook before a failed start exits; false when the JVM is already stopping (a Ctrl-C just then). */
    private static boolean withoutHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            return true;
        } catch (IllegalStateException shuttingDown) {
            return false;
        }
    }

    /** The innermost reason: a start that failed in a thread of its own comes wrapped in an ExecutionException or two. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(Options.USAGE);
            return;
        }
        try {
            PipelineServices.requireFree(options.ports());
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        long started = System.nanoTime();
        CountDownLatch stopped = new CountDownLatch(1);
        // counted down once the main thread has started everything, or cleaned up after a failed start
        CountDownLatch settled = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<KafkaStack> stackUp = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<PipelineServices> up = new java.util.concurrent.atomic.AtomicReference<>();
        // before anything starts: a Ctrl-C while the broker, the registry or the services start must stop them
        // all and remove their temp directories, and the JVM must not halt while the main thread cleans up
        Thread stopPipeline = new Thread(() -> {
            stopping.set(true);
            System.out.println("\nstopping services, registry and broker...");
            try {
                settled.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            PipelineServices services = up.get();
            if (services != null) {
                services.close();
            }
            KafkaStack running = stackUp.get();
            if (running != null) {
                running.close();
            }
            stopped.countDown();
        }, "stop-pipeline");
        Runtime.getRuntime().addShutdownHook(stopPipeline);
        System.out.println("starting Kafka (KRaft) and the schema registry...");
        KafkaStack stack;
        try {
            stack = EmbeddedStack.start();
            stackUp.set(stack);
        } catch (RuntimeException | Error e) {
            settled.countDown();
            if (stopping.get()) {
                return; // the user's own Ctrl-C: the start cleaned up after itself, which is no failure to report
            }
            if (!withoutHook(stopPipeline)) {
                return; // the JVM began to stop meanwhile: the hook cleans up
            }
            System.err.println("could not start Kafka and the schema registry: " + rootMessage(e));
            System.exit(1);
            return;
        }
        PipelineServices services;
        try {
            System.out.println("starting ingest-service, classifier-streams and reading-service...");
            services = PipelineServices.start(stack, options.root(), options.ports(), Duration.ofSeconds(120));
            up.set(services);
            settled.countDown();
        } catch (RuntimeException | Error e) {
            settled.countDown();
            if (stopping.get()) {
                return; // the services died of the user's own Ctrl-C: the hook closes the stack
            }
            if (!withoutHook(stopPipeline)) {
                return; // the JVM began to stop meanwhile: the hook cleans up
            }
            stack.close();
            System.err.println("could not start the pipeline: " + e.getMessage());
            System.exit(1);
            return;
        }
        // once up, nothing else watches the services: one that stops on its own (the documented exit 1 when its
        // streams stop for good, or a crash) is said on the console, with why, rather than found later by a 404
        for (ChildProcess child : services.children()) {
            child.whenItExits(status -> {
                if (!stopping.get()) {
                    System.err.printf("%n%s stopped on its own (exit status %d); the rest of the pipeline is still up, and nothing "
                            + "restarts it here (Ctrl-C, then ./run). The end of its log:%n%s%n", child.name(), status, child.logTail());
                }
            });
        }

        System.out.printf("""

                ticket pipeline up in %.1f s
                  ingest     %s   (POST /v1/ticket-events, POST /v1/releases)
                  classifier %s   (GET /v1/tickets/{ticketId}, /health, /prometheus)
                  reading    %s   (the dashboard at /dashboard/, GET /v1/products/{product}/themes?window=hour|week)
                  kafka      %s
                  registry   %s
                  logs       %s
                """, (System.nanoTime() - started) / 1e9, services.ingestUrl(), services.classifierUrl(), services.readingUrl(),
                stack.bootstrapServers(), stack.registryUrl(), services.logDir());
        if (options.demo()) {
            try {
                loadDemo(services.ingestUrl());
                trickle(services.ingestUrl(), Duration.ofSeconds(20));
                System.out.println("a new roster ticket every 20 s keeps the roster-2.9.0 watch moving");
                System.out.println("open " + services.readingUrl() + "/dashboard/ (or try: curl '" + services.readingUrl()
                        + "/v1/products/ledger/readings/weekly?format=text')");
            } catch (Exception e) {
                if (stopping.get()) {
                    return; // the user's Ctrl-C during the load: the pipeline is stopping, which is no failure to report
                }
                // the services are up and hold whatever was accepted: say so, rather than leave a stack trace
                // and a process that neither loads nor stops
                System.err.println("could not load the demo: " + e.getMessage());
                System.err.println("the pipeline is up without it (or with part of it); the ingest log is in " + services.logDir());
            }
        }
        System.out.println("Ctrl-C stops everything.");
        stopped.await();
    }

    /** Posts the sample through the ingest API and answers the ticket events it posted. */
    public static List<ObjectNode> loadDemo(String ingestUrl) throws Exception {
        Instant now = Instant.now();
        List<ObjectNode> events = DemoData.ticketEvents(now);
        HttpClient http = HttpClient.newHttpClient();
        int batchSize = 200;
        for (int i = 0; i < events.size(); i += batchSize) {
            ArrayNode batch = JSON.createArrayNode();
            events.subList(i, Math.min(events.size(), i + batchSize)).forEach(batch::add);
            post(http, ingestUrl + "/v1/ticket-events", batch.toString());
        }
        for (ObjectNode release : DemoData.releases(now)) {
            post(http, ingestUrl + "/v1/releases", release.toString());
        }
        long tickets = events.stream().filter(e -> e.get("type").asText().equals("created")).count();
        System.out.printf("demo loaded: %d tickets (%d events) over the last two weeks and this one for ledger and roster, releases ledger-4.3.0 and roster-2.9.0%n",
                tickets, events.size());
        return events;
    }

    /** A new roster ticket every {@code every}, on a daemon thread, so the demo's watched release moves on the dashboard. */
    static void trickle(String ingestUrl, Duration every) {
        Thread thread = new Thread(() -> {
            HttpClient http = HttpClient.newHttpClient();
            for (int n = 0; ; n++) {
                try {
                    Thread.sleep(every.toMillis());
                    post(http, ingestUrl + "/v1/ticket-events", DemoData.liveTicket(n, Instant.now()).toString());
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    System.err.println("demo trickle: " + e.getMessage());
                }
            }
        }, "demo-trickle");
        thread.setDaemon(true);
        thread.start();
    }

    private static void post(HttpClient http, String url, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("demo load refused by " + url + ": " + response.statusCode() + " " + response.body());
        }
    }

    /** Command-line options. */
    record Options(boolean demo, Path root, PipelineServices.Ports ports) {

        static final String USAGE = """
                usage: java -jar local-stack/target/local-stack.jar [--demo] [--root DIR]
                       [--ingest-port 8081] [--classifier-port 8082] [--reading-port 8083]
                  --demo   load sample tickets (the last two weeks and this one) and two releases
                  --root   the repository (default: the current directory)""";

        /** The options, null for help; a mistake is an IllegalArgumentException saying which, with the usage. */
        static Options parse(String[] args) {
            try {
                return parseOrFail(args);
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IllegalArgumentException((e instanceof NumberFormatException ? "a port is a number from 1 to 65535: "
                        + e.getMessage() : "an option needs its value: " + String.join(" ", args)) + "\n" + USAGE, e);
            }
        }

        private static Options parseOrFail(String[] args) {
            boolean demo = false;
            Path root = Paths.get("").toAbsolutePath();
            int ingest = PipelineServices.Ports.DEFAULTS.ingest();
            int classifier = PipelineServices.Ports.DEFAULTS.classifier();
            int reading = PipelineServices.Ports.DEFAULTS.reading();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--demo" -> demo = true;
                    case "--root" -> root = Paths.get(args[++i]).toAbsolutePath();
                    case "--ingest-port" -> ingest = Integer.parseInt(args[++i]);
                    case "--classifier-port" -> classifier = Integer.parseInt(args[++i]);
                    case "--reading-port" -> reading = Integer.parseInt(args[++i]);
                    case "-h", "--help" -> {
                        return null;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
                }
            }
            for (int port : List.of(ingest, classifier, reading)) {
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("a port is a number from 1 to 65535, got " + port + "\n" + USAGE);
                }
            }
            if (new java.util.HashSet<>(List.of(ingest, classifier, reading)).size() < 3) {
                throw new IllegalArgumentException("the three services need three ports, got " + ingest + ", " + classifier + ", " + reading
                        + "\n" + USAGE);
            }
            return new Options(demo, root, new PipelineServices.Ports(ingest, classifier, reading));
        }
    }
}
