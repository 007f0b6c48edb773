package org.ticketpipeline.reading;

import io.micronaut.context.annotation.ConfigurationProperties;

/** The reading service's own settings. Env: READING_APPLICATION_ID, READING_STATE_DIR, READING_THEME_WINDOWS_TOPIC, READING_RELEASE_WATCH_TOPIC. */
@ConfigurationProperties("reading")
public class ReadingSettings {

    private String applicationId = "reading-service";
    /** Empty: a directory under the system temp dir named after the application id. */
    private String stateDir = "";
    private String themeWindowsTopic = "theme-windows";
    private String releaseWatchTopic = "release-watch";
    private String subscriptionsTopic = "subscriptions";
    private String deliveriesTopic = "deliveries";
    private String readingsTopic = "readings";
    /** How often due readings are looked for and delivered. */
    private java.time.Duration deliveryInterval = java.time.Duration.ofSeconds(60);
    /** Attempts per reading and subscriber before it goes to the dead letters. */
    private int deliveryAttempts = 4;
    /** Wait before the first retry; doubled for each next one. */
    private java.time.Duration retryBackoff = java.time.Duration.ofSeconds(1);
    /**
     * How long after a reading's first call later delivery rounds call again when every attempt of a round
     * failed (not when the receiver's answer says no call will do better): a receiver down for a deploy
     * must not lose a week's reading. Zero: a round's last attempt is the last.
     */
    private java.time.Duration redeliveryFor = java.time.Duration.ofHours(24);
    /** Bounds a webhook call as a whole, its answer's body included. */
    private java.time.Duration webhookTimeout = java.time.Duration.ofSeconds(5);
    /** How often the dashboard and readings streams say they are alive when nothing else happens. */
    private java.time.Duration heartbeatInterval = java.time.Duration.ofSeconds(10);
    /**
     * How far back the readings stream keeps readings for a client that reconnects with {@code Last-Event-ID}
     * (read again from the readings topic at start). Zero: {@code Last-Event-ID} is ignored, and a reconnection
     * starts from its own moment.
     */
    private java.time.Duration streamReplay = java.time.Duration.ofDays(14);
    /** How long after a week ends its reading waits for the week's last tickets to be sorted and counted. */
    private java.time.Duration weeklySettle = java.time.Duration.ofMinutes(10);
    /** Whether the process exits (status 1) once its tables' Kafka Streams failed for good, so that it is restarted. */
    private boolean exitOnStreamFailure = true;
    /** Whether webhooks may be loopback and private hosts: off, a subscription cannot reach into the service's network. */
    private boolean webhookPrivateHosts;

    /**
     * Refuses at start the settings that would start and then misbehave: no attempt records every reading
     * as delivered without a call, a zero timeout fails every call, a settle of a week or more never
     * delivers a weekly reading.
     */
    @jakarta.annotation.PostConstruct
    void validate() {
        new org.ticketpipeline.schemas.settings.SettingChecks()
                .atLeastOne("reading.delivery-attempts", deliveryAttempts)
                .positive("reading.delivery-interval", deliveryInterval)
                .positive("reading.webhook-timeout", webhookTimeout)
                .positive("reading.heartbeat-interval", heartbeatInterval)
                .notNegative("reading.retry-backoff", retryBackoff)
                .notNegative("reading.stream-replay", streamReplay)
                .notNegative("reading.redelivery-for", redeliveryFor)
                .add(redeliveryFor.compareTo(java.time.Duration.ofDays(7)) >= 0,
                        "reading.redelivery-for " + redeliveryFor + " must be less than a week: a week's reading is looked for that long")
                .add(weeklySettle.isNegative() || weeklySettle.compareTo(java.time.Duration.ofDays(7)) >= 0,
                        "reading.weekly-settle " + weeklySettle + " must be from 0 to less than a week")
                .orRefuse();
    }

    public java.time.Duration getRedeliveryFor() {
        return redeliveryFor;
    }

    public void setRedeliveryFor(java.time.Duration redeliveryFor) {
        this.redeliveryFor = redeliveryFor;
    }

    public boolean isWebhookPrivateHosts() {
        return webhookPrivateHosts;
    }

    public void setWebhookPrivateHosts(boolean webhookPrivateHosts) {
        this.webhookPrivateHosts = webhookPrivateHosts;
    }

    public boolean isExitOnStreamFailure() {
        return exitOnStreamFailure;
    }

    public void setExitOnStreamFailure(boolean exitOnStreamFailure) {
        this.exitOnStreamFailure = exitOnStreamFailure;
    }

    public java.time.Duration getWeeklySettle() {
        return weeklySettle;
    }

    public void setWeeklySettle(java.time.Duration weeklySettle) {
        this.weeklySettle = weeklySettle;
    }

    public java.time.Duration getStreamReplay() {
        return streamReplay;
    }

    public void setStreamReplay(java.time.Duration streamReplay) {
        this.streamReplay = streamReplay;
    }

    public java.time.Duration getHeartbeatInterval() {
        return heartbeatInterval;
    }

    public void setHeartbeatInterval(java.time.Duration heartbeatInterval) {
        this.heartbeatInterval = heartbeatInterval;
    }

    public String getSubscriptionsTopic() {
        return subscriptionsTopic;
    }

    public void setSubscriptionsTopic(String subscriptionsTopic) {
        this.subscriptionsTopic = subscriptionsTopic;
    }

    public String getDeliveriesTopic() {
        return deliveriesTopic;
    }

    public void setDeliveriesTopic(String deliveriesTopic) {
        this.deliveriesTopic = deliveriesTopic;
    }

    public String getReadingsTopic() {
        return readingsTopic;
    }

    public void setReadingsTopic(String readingsTopic) {
        this.readingsTopic = readingsTopic;
    }

    public java.time.Duration getDeliveryInterval() {
        return deliveryInterval;
    }

    public void setDeliveryInterval(java.time.Duration deliveryInterval) {
        this.deliveryInterval = deliveryInterval;
    }

    public int getDeliveryAttempts() {
        return deliveryAttempts;
    }

    public void setDeliveryAttempts(int deliveryAttempts) {
        this.deliveryAttempts = deliveryAttempts;
    }

    public java.time.Duration getRetryBackoff() {
        return retryBackoff;
    }

    public void setRetryBackoff(java.time.Duration retryBackoff) {
        this.retryBackoff = retryBackoff;
    }

    public java.time.Duration getWebhookTimeout() {
        return webhookTimeout;
    }

    public void setWebhookTimeout(java.time.Duration webhookTimeout) {
        this.webhookTimeout = webhookTimeout;
    }

    public String getReleaseWatchTopic() {
        return releaseWatchTopic;
    }

    public void setReleaseWatchTopic(String releaseWatchTopic) {
        this.releaseWatchTopic = releaseWatchTopic;
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

    public String getThemeWindowsTopic() {
        return themeWindowsTopic;
    }

    public void setThemeWindowsTopic(String themeWindowsTopic) {
        this.themeWindowsTopic = themeWindowsTopic;
    }
}
