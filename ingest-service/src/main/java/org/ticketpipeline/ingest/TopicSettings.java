package org.ticketpipeline.ingest;

import io.micronaut.context.annotation.ConfigurationProperties;
import org.ticketpipeline.schemas.topic.TopicNames;

/** Topic names, each with the default that runs locally. Env: PIPELINE_TOPICS_TICKET_EVENTS... */
@ConfigurationProperties("pipeline.topics")
public class TopicSettings {

    private String ticketEvents = TopicNames.DEFAULTS.ticketEvents();
    private String releases = TopicNames.DEFAULTS.releases();
    private String corrections = TopicNames.DEFAULTS.corrections();

    public String getCorrections() {
        return corrections;
    }

    public void setCorrections(String corrections) {
        this.corrections = corrections;
    }

    public String getTicketEvents() {
        return ticketEvents;
    }

    public void setTicketEvents(String ticketEvents) {
        this.ticketEvents = ticketEvents;
    }

    public String getReleases() {
        return releases;
    }

    public void setReleases(String releases) {
        this.releases = releases;
    }

    TopicNames names() {
        return new TopicNames(ticketEvents, releases, TopicNames.DEFAULTS.ticketsSorted(), TopicNames.DEFAULTS.themeWindows(),
                TopicNames.DEFAULTS.releaseWatch(), TopicNames.DEFAULTS.readings(), corrections);
    }
}
