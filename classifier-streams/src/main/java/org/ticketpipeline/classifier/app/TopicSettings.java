package org.ticketpipeline.classifier.app;

import io.micronaut.context.annotation.ConfigurationProperties;
import org.ticketpipeline.schemas.topic.TopicNames;

/** The topics this service reads and writes, each with the default that runs locally. Env: PIPELINE_TOPICS_TICKET_EVENTS... */
@ConfigurationProperties("pipeline.topics")
public class TopicSettings {

    private String ticketEvents = TopicNames.DEFAULTS.ticketEvents();
    private String ticketsSorted = TopicNames.DEFAULTS.ticketsSorted();
    private String themeWindows = TopicNames.DEFAULTS.themeWindows();
    private String releases = TopicNames.DEFAULTS.releases();
    private String releaseWatch = TopicNames.DEFAULTS.releaseWatch();
    private String corrections = TopicNames.DEFAULTS.corrections();

    public String getCorrections() {
        return corrections;
    }

    public void setCorrections(String corrections) {
        this.corrections = corrections;
    }

    public String getReleases() {
        return releases;
    }

    public void setReleases(String releases) {
        this.releases = releases;
    }

    public String getReleaseWatch() {
        return releaseWatch;
    }

    public void setReleaseWatch(String releaseWatch) {
        this.releaseWatch = releaseWatch;
    }

    public String getTicketEvents() {
        return ticketEvents;
    }

    public void setTicketEvents(String ticketEvents) {
        this.ticketEvents = ticketEvents;
    }

    public String getTicketsSorted() {
        return ticketsSorted;
    }

    public void setTicketsSorted(String ticketsSorted) {
        this.ticketsSorted = ticketsSorted;
    }

    public String getThemeWindows() {
        return themeWindows;
    }

    public void setThemeWindows(String themeWindows) {
        this.themeWindows = themeWindows;
    }

    TopicNames names() {
        return new TopicNames(ticketEvents, releases, ticketsSorted, themeWindows, releaseWatch, TopicNames.DEFAULTS.readings(), corrections);
    }
}
