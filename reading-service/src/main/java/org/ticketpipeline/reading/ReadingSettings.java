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
