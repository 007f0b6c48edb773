package org.ticketpipeline.classifier.sorting;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The taxonomy the team edits, reloaded without a restart: the file is checked every few seconds and
 * read again when it changed. A file that does not parse is reported and the previous taxonomy stays,
 * so a typo never leaves the sorter without themes.
 */
public final class TaxonomyFile implements Supplier<Taxonomy>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaxonomyFile.class);

    private final Path file;
    private final ScheduledExecutorService watcher;
    private volatile Taxonomy current;
    private volatile FileTime loadedVersion;

    public TaxonomyFile(Path file, long checkEverySeconds) {
        this.file = file;
        this.current = Taxonomy.fromFile(file);
        this.loadedVersion = modified();
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

    /** Reads the file again if it changed since the last load; answers whether it did. */
    public boolean reloadIfChanged() {
        FileTime version = modified();
        if (version == null || version.equals(loadedVersion)) {
            return false;
        }
        try {
            Taxonomy reloaded = Taxonomy.fromFile(file);
            current = reloaded;
            LOG.info("taxonomy reloaded: {} themes from {}", reloaded.themes().size(), file);
            return true;
        } catch (RuntimeException e) {
            LOG.error("taxonomy {} not reloaded, keeping the previous one: {}", file, e.getMessage());
            return false;
        } finally {
            loadedVersion = version;
        }
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(file);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
