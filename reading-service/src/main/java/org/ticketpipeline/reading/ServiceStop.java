package org.ticketpipeline.reading;

import io.micronaut.context.ApplicationContext;
import jakarta.inject.Singleton;

/**
 * Stops the reading service for good: the application context first (the HTTP server, the tables, the
 * producers, in order), then the process with status {@value #EXIT_STATUS}, which a supervisor (docker
 * compose's restart policy, systemd, Kubernetes) reads as a failure to restart. With
 * {@code reading.exit-on-stream-failure: false} the process is left to whoever embeds the context (a test).
 */
@Singleton
class ServiceStop {

    static final int EXIT_STATUS = 1;

    private final ApplicationContext context;
    private final ReadingSettings settings;

    ServiceStop(ApplicationContext context, ReadingSettings settings) {
        this.context = context;
        this.settings = settings;
    }

    /**
     * Returns at once; the stop runs on a thread of its own: it is asked for from Kafka Streams' own
     * close thread, which stopping the context (closing Kafka Streams) would otherwise wait for.
     */
    void stop() {
        Thread stopping = new Thread(() -> {
            try {
                context.stop();
            } finally {
                if (settings.isExitOnStreamFailure()) {
                    System.exit(EXIT_STATUS);
                }
            }
        }, "reading-service-stop");
        stopping.start();
    }
}
