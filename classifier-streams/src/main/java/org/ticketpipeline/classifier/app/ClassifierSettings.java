package org.ticketpipeline.classifier.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.List;
import org.ticketpipeline.classifier.topology.ClassifierTopology;
import org.ticketpipeline.classifier.topology.SortingTopology;
import org.ticketpipeline.classifier.topology.WindowSpec;
import org.ticketpipeline.classifier.watch.WatchSettings;
import org.ticketpipeline.schemas.settings.SettingChecks;
import org.ticketpipeline.schemas.topic.ThemeWindowKeys;

/** The classifier's settings, each with a default that runs locally. Env: CLASSIFIER_APPLICATION_ID... */
@ConfigurationProperties("classifier")
public class ClassifierSettings {

    private String applicationId = "classifier-streams";
    /** Empty: a directory under the system temp dir named after the application id. */
    private String stateDir = "";
    private String processingGuarantee = "exactly_once_v2";
    private int streamThreads = 1;
    /** How often offsets, state and outputs are committed together; also how soon the next step sees them under exactly-once. */
    private Duration commitInterval = Duration.ofMillis(100);
    private Duration hourWindowGrace = Duration.ofDays(14);
    private Duration weekWindowGrace = Duration.ofDays(28);
    private Duration dedupeRetention = Duration.ofDays(7);
    private Duration bugAtL1MaxAge = Duration.ofHours(24);
    /**
     * How far after its record's timestamp an event may say it happened; past it, it is dead-lettered. Above
     * the ingest's 15 minutes: the ingest checks against its own clock, this against the broker's write
     * time, and an event the ingest acknowledged must not be refused here for the two clocks' difference.
     */
    private Duration maxFutureSkew = Duration.ofMinutes(30);
    /** How long a ticket with no event is kept for its later events to carry its sorting; zero keeps every ticket. */
    private Duration ticketRetention = SortingTopology.Settings.DEFAULT_TICKET_RETENTION;
    /** How long a correction of a ticket not sorted yet waits for the ticket's first event before it is dead-lettered. */
    private Duration correctionWait = SortingTopology.Settings.DEFAULT_CORRECTION_WAIT;
    /** How long an emerging theme may go without a ticket, per ticket it holds, a year at most; zero keeps every theme. */
    private Duration emergingThemeRetention = SortingTopology.Settings.DEFAULT_EMERGING_THEME_RETENTION;
    /** Empty: the built-in taxonomy; else a YAML file, reloaded when it changes. */
    private String taxonomyFile = "";
    /** Empty: the kind model that ships; else a file ./evaluate train --out wrote (e.g. trained with the team's corrections). */
    private String kindModel = "";
    /** Cosine similarity at which a ticket joins an emerging theme rather than starting one. */
    private double emergingThreshold = 0.65;
    /** The encoder for emerging themes: minilm (fast) or bge-small. */
    private String embeddingModel = "minilm";
    /** Tokens of subject and body the encoder reads. */
    private int embeddingMaxTokens = 32;
    /** Texts a free encoder thread takes at most in one turn (it takes what waits; sorting goes on meanwhile). */
    private int embeddingBatchSize = 64;
    /** How often tickets whose embeddings are done are let out when no new events come. */
    private Duration embeddingMaxWait = Duration.ofMillis(50);

    private Duration watchWindow = Duration.ofHours(48);
    private Duration watchGrace = Duration.ofHours(1);
    private Duration watchBackground = Duration.ofDays(7);
    private double watchSurpriseLift = 2.0;
    /** After a start, how long a watch whose window is over may wait for the task's event time to pass it before closing. */
    private Duration watchStartupSettle = WatchSettings.STARTUP_SETTLE;
    /** Whether the process exits (status 1) when Kafka Streams stops for good, for a supervisor to start it again. */
    private boolean exitOnStreamFailure = true;

    public boolean isExitOnStreamFailure() {
        return exitOnStreamFailure;
    }

    public void setExitOnStreamFailure(boolean exitOnStreamFailure) {
        this.exitOnStreamFailure = exitOnStreamFailure;
    }

    /**
     * Refuses, at start and all at once, the settings that would start and then misbehave: a similarity
     * given as a percentage makes every ticket its own theme, a zero wait is refused by Kafka Streams in a
     * task's set-up, where it kills the thread again at each replacement.
     */
    void validate() {
        boolean knownModel;
        try {
            org.ticketpipeline.classifier.text.SentenceEmbedder.Model.of(embeddingModel);
            knownModel = true;
        } catch (IllegalArgumentException e) {
            knownModel = false;
        }
        new SettingChecks()
                .add(!(emergingThreshold > 0 && emergingThreshold <= 1), "classifier.emerging-threshold " + emergingThreshold
                        + " must be a cosine similarity above 0 and at most 1 (0.65 by default)")
                .add(!(watchSurpriseLift > 1), "classifier.watch-surprise-lift " + watchSurpriseLift
                        + " must be above 1 (a surprise comes at that many times its usual rate)")
                .add(embeddingMaxWait.toMillis() < 1, "classifier.embedding-max-wait " + embeddingMaxWait + " must be at least 1ms")
                .positive("classifier.watch-window", watchWindow)
                // a usual rate per hour, taken over less than an hour, would divide by zero minutes
                .add(watchBackground.compareTo(Duration.ofHours(1)) < 0, "classifier.watch-background " + watchBackground
                        + " must be at least an hour (7 days by default): a theme's usual rate is per hour")
                .notNegative("classifier.watch-startup-settle", watchStartupSettle)
                .positive("classifier.bug-at-l1-max-age", bugAtL1MaxAge)
                .positive("classifier.dedupe-retention", dedupeRetention)
                .notNegative("classifier.commit-interval", commitInterval) // 0 is Kafka Streams' "commit every loop"
                .notNegative("classifier.watch-grace", watchGrace)
                .notNegative("classifier.max-future-skew", maxFutureSkew)
                .notNegative("classifier.hour-window-grace", hourWindowGrace)
                .notNegative("classifier.week-window-grace", weekWindowGrace)
                .notNegative("classifier.correction-wait", correctionWait)
                .atLeastOne("classifier.stream-threads", streamThreads)
                .add(embeddingMaxTokens < 1 || embeddingBatchSize < 1,
                        "classifier.embedding-max-tokens and classifier.embedding-batch-size must be at least 1")
                .add(!knownModel, "classifier.embedding-model '" + embeddingModel + "' is not minilm or bge-small")
                .orRefuse();
    }

    ClassifierTopology.Settings topologySettings(int partitions) {
        validate();
        if (ticketRetention.isNegative() || emergingThemeRetention.isNegative()) {
            throw new IllegalArgumentException("classifier.ticket-retention and classifier.emerging-theme-retention cannot be negative");
        }
        // the longer a window of either size still takes a ticket
        Duration weekOpen = weekWindowGrace.plus(Duration.ofDays(7));
        Duration hourOpen = hourWindowGrace.plus(Duration.ofHours(1));
        Duration countedFor = weekOpen.compareTo(hourOpen) >= 0 ? weekOpen : hourOpen;
        if (!ticketRetention.isZero() && ticketRetention.compareTo(countedFor) <= 0) {
            // forgotten sooner, a creation sent again would find no ticket and be counted a second time by a window still open
            throw new IllegalArgumentException("classifier.ticket-retention " + ticketRetention + " must be longer than the longer of a week plus "
                    + "classifier.week-window-grace and an hour plus classifier.hour-window-grace (" + countedFor + "), or 0 to keep every ticket");
        }
        return new ClassifierTopology.Settings(List.of(
                WindowSpec.of(ThemeWindowKeys.Size.HOUR, hourWindowGrace),
                WindowSpec.of(ThemeWindowKeys.Size.WEEK, weekWindowGrace)),
                new SortingTopology.Settings(dedupeRetention, bugAtL1MaxAge, emergingThreshold, embeddingBatchSize, embeddingMaxWait,
                        maxFutureSkew, ticketRetention, emergingThemeRetention, correctionWait),
                new WatchSettings(watchWindow, watchGrace, watchBackground, watchSurpriseLift, Duration.ofMillis(500),
                        Duration.ofSeconds(10), watchStartupSettle), partitions);
    }

    public String getKindModel() {
        return kindModel;
    }

    public void setKindModel(String kindModel) {
        this.kindModel = kindModel;
    }

    public String getApplicationId() {
        return applicationId;
    }

    public void setApplicationId(String applicationId) {
        this.applicationId = applicationId;
    }

    public String getStateDir() {
        return stateDir;
    }

    public void setStateDir(String stateDir) {
        this.stateDir = stateDir;
    }

    public String getProcessingGuarantee() {
        return processingGuarantee;
    }

    public void setProcessingGuarantee(String processingGuarantee) {
        this.processingGuarantee = processingGuarantee;
    }

    public int getStreamThreads() {
        return streamThreads;
    }

    public void setStreamThreads(int streamThreads) {
        this.streamThreads = streamThreads;
    }

    public Duration getHourWindowGrace() {
        return hourWindowGrace;
    }

    public void setHourWindowGrace(Duration hourWindowGrace) {
        this.hourWindowGrace = hourWindowGrace;
    }

    public Duration getWeekWindowGrace() {
        return weekWindowGrace;
    }

    public void setWeekWindowGrace(Duration weekWindowGrace) {
        this.weekWindowGrace = weekWindowGrace;
    }

    public Duration getDedupeRetention() {
        return dedupeRetention;
    }

    public void setDedupeRetention(Duration dedupeRetention) {
        this.dedupeRetention = dedupeRetention;
    }

    public Duration getBugAtL1MaxAge() {
        return bugAtL1MaxAge;
    }

    public void setBugAtL1MaxAge(Duration bugAtL1MaxAge) {
        this.bugAtL1MaxAge = bugAtL1MaxAge;
    }

    public Duration getMaxFutureSkew() {
        return maxFutureSkew;
    }

    public void setMaxFutureSkew(Duration maxFutureSkew) {
        this.maxFutureSkew = maxFutureSkew;
    }

    public Duration getCorrectionWait() {
        return correctionWait;
    }

    public void setCorrectionWait(Duration correctionWait) {
        this.correctionWait = correctionWait;
    }

    public Duration getTicketRetention() {
        return ticketRetention;
    }

    public void setTicketRetention(Duration ticketRetention) {
        this.ticketRetention = ticketRetention;
    }

    public Duration getEmergingThemeRetention() {
        return emergingThemeRetention;
    }

    public void setEmergingThemeRetention(Duration emergingThemeRetention) {
        this.emergingThemeRetention = emergingThemeRetention;
    }

    public String getTaxonomyFile() {
        return taxonomyFile;
    }

    public void setTaxonomyFile(String taxonomyFile) {
        this.taxonomyFile = taxonomyFile;
    }

    public double getEmergingThreshold() {
        return emergingThreshold;
    }

    public void setEmergingThreshold(double emergingThreshold) {
        this.emergingThreshold = emergingThreshold;
    }

    public String getEmbeddingModel() {
        return embeddingModel;
    }

    public void setEmbeddingModel(String embeddingModel) {
        this.embeddingModel = embeddingModel;
    }

    public int getEmbeddingMaxTokens() {
        return embeddingMaxTokens;
    }

    public void setEmbeddingMaxTokens(int embeddingMaxTokens) {
        this.embeddingMaxTokens = embeddingMaxTokens;
    }

    public int getEmbeddingBatchSize() {
        return embeddingBatchSize;
    }

    public void setEmbeddingBatchSize(int embeddingBatchSize) {
        this.embeddingBatchSize = embeddingBatchSize;
    }

    public Duration getEmbeddingMaxWait() {
        return embeddingMaxWait;
    }

    public void setEmbeddingMaxWait(Duration embeddingMaxWait) {
        this.embeddingMaxWait = embeddingMaxWait;
    }

    public Duration getCommitInterval() {
        return commitInterval;
    }

    public void setCommitInterval(Duration commitInterval) {
        this.commitInterval = commitInterval;
    }

    public Duration getWatchWindow() {
        return watchWindow;
    }

    public void setWatchWindow(Duration watchWindow) {
        this.watchWindow = watchWindow;
    }

    public Duration getWatchGrace() {
        return watchGrace;
    }

    public void setWatchGrace(Duration watchGrace) {
        this.watchGrace = watchGrace;
    }

    public Duration getWatchBackground() {
        return watchBackground;
    }

    public void setWatchBackground(Duration watchBackground) {
        this.watchBackground = watchBackground;
    }

    public double getWatchSurpriseLift() {
        return watchSurpriseLift;
    }

    public void setWatchSurpriseLift(double watchSurpriseLift) {
        this.watchSurpriseLift = watchSurpriseLift;
    }

    public Duration getWatchStartupSettle() {
        return watchStartupSettle;
    }

    public void setWatchStartupSettle(Duration watchStartupSettle) {
        this.watchStartupSettle = watchStartupSettle;
    }
}
