package org.ticketpipeline.schemas.topic;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A check of something a service needs (the Kafka cluster, the schema registry), made on a thread of its own
 * every few seconds and read from there: a health check runs on the HTTP server's event loop, which a call
 * waiting for something that is away would hold for its whole bound at every probe. The very first read waits
 * for the first check, so a service whose dependency is away from the start does not say UP until it has looked.
 */
public class BackgroundCheck implements AutoCloseable {

    /** How often it is checked. */
    static final Duration EVERY = Duration.ofSeconds(5);

    private final ScheduledExecutorService checking;
    private final CountDownLatch firstAnswer = new CountDownLatch(1);
    private final Duration firstWithin;
    /** The last answer: null while all is well, else what is wrong. */
    private volatile String wrong;

    /**
     * @param check answers null when all is well, else what is wrong, for a person to read; bounded in time itself
     * @param firstWithin how long the first read waits for the first check
     */
    public BackgroundCheck(String name, Supplier<String> check, Duration firstWithin) {
        this.firstWithin = firstWithin;
        this.checking = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        checking.scheduleWithFixedDelay(() -> {
            try {
                wrong = check.get();
            } catch (RuntimeException e) {
                wrong = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            firstAnswer.countDown();
        }, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Null when the last check found all well; else what it found wrong. */
    public String wrong() {
        try {
            firstAnswer.await(firstWithin.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return wrong;
    }

    @Override
    public void close() {
        checking.shutdownNow();
    }
}
