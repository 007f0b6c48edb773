package org.ticketpipeline.classifier.sorting;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The taxonomy the team edits, reloaded without a restart: the file is read every few seconds and parsed
 * again when its content changed. By content, not by modification time: two saves within one tick of a
 * file system's clock, or an edit made while the file was being read, would otherwise never be loaded.
 * A file with a mistake is reported once and the previous taxonomy stays, so a typo never leaves the
 * sorter without themes; so does a file that is gone or cannot be read, also reported once. New content is
 * taken once two checks in a row read it alike: an editor or a shell redirect that writes in place can be
 * read half way, and a list cut short still parses, without the themes it lost.
 */
public final class TaxonomyFile implements Supplier<Taxonomy>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaxonomyFile.class);

    private final Path file;
    private final ScheduledExecutorService watcher;
    private volatile Taxonomy current;
    /** The content last read, good or bad: a bad one is reported once, not at every check. */
    private volatile byte[] loaded;
    private volatile boolean unreadable;
    /** New content read at the last check, taken if the next reads the same. */
    private byte[] settling;
    /** Why the file as it is now is not the taxonomy in use, or null when it is. */
    private volatile String refused;
    /** Why the content last read was refused, or null when it is the taxonomy in use: what a file back as it was says again. */
    private volatile String loadedRefused;

    public TaxonomyFile(Path file, long checkEverySeconds) {
        this.file = file;
        try {
            this.loaded = Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read taxonomy " + file, e);
        }
        this.current = Taxonomy.parse(new ByteArrayInputStream(loaded), file.toString());
        LOG.info("taxonomy: {} themes from {}", current.themes().size(), file);
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "taxonomy-watch");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(this::reloadIfChanged, checkEverySeconds, checkEverySeconds, TimeUnit.SECONDS);
    }

    @Override
    public Taxonomy get() {
        return current;
    }

    /**
     * Reads the file again and, if its content changed and read the same at the previous check, parses it;
     * answers whether the taxonomy changed.
     */
    public synchronized boolean reloadIfChanged() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            if (!unreadable) {
                LOG.warn("taxonomy {} cannot be read ({}); keeping the previous one until it can", file, e.toString());
                unreadable = true;
                refused = java.time.Instant.now() + ": cannot be read (" + e + "); the previous taxonomy is in use";
            }
            return false;
        }
        if (unreadable && Arrays.equals(content, loaded)) {
            refused = loadedRefused; // back as it was: in use, or refused as before
        }
        unreadable = false;
        if (Arrays.equals(content, loaded)) {
            settling = null;
            return false;
        }
        if (!Arrays.equals(content, settling)) {
            settling = content; // changed since the last check: it may still be being written
            return false;
        }
        settling = null;
        loaded = content;
        try {
            Taxonomy reloaded = Taxonomy.parse(new ByteArrayInputStream(content), file.toString());
            current = reloaded;
            refused = null;
            loadedRefused = null;
            LOG.info("taxonomy reloaded: {} themes from {}", reloaded.themes().size(), file);
            return true;
        } catch (RuntimeException e) {
            LOG.error("taxonomy {} not reloaded, keeping the previous one: {}", file, e.getMessage());
            // said where an operator looks (the health endpoint), not only once in the log: until the file is fixed,
            // the sorting runs on another taxonomy than the file's, and the next start refuses the file
            refused = java.time.Instant.now() + ": " + e.getMessage() + "; the previous taxonomy is in use, and a start with "
                    + "this file would fail: fix it";
            loadedRefused = refused;
            return false;
        }
    }

    /** Why the file as it is now is not the taxonomy in use (a mistake, or it cannot be read), if it is not. */
    public java.util.Optional<String> refused() {
        return java.util.Optional.ofNullable(refused);
    }

    /** The file read. */
    public Path file() {
        return file;
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
