package org.ticketpipeline.classifier.app;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ticketpipeline.classifier.topology.SortingTopology;
import org.ticketpipeline.classifier.topology.ThemeWindowTopology;
import org.ticketpipeline.schemas.topic.Topic;
import org.ticketpipeline.schemas.topic.TopicNames;
import org.ticketpipeline.schemas.topic.Topics;

/**
 * Which dead-letter topic a failed record goes to, and which source topics a global thread reads.
 *
 * <p>A record read from one of the service's own repartition topics
 * ({@code <application id>-<name>-repartition}) goes to the dead-letter topic of the topic it was
 * first read from ({@code ticket-events.dlt}, {@code corrections.dlt}), or to {@code theme-windows.dlt}
 * for the windows' entries: names an operator knows and the service creates, instead of one per
 * application id that nobody created. Every other topic {@code T} goes to {@code T.dlt}.
 *
 * <p>Kafka Streams builds the handlers from its configuration, so the routes travel in it as
 * two entries of their own.
 */
public final class DeadLetterRoutes {

    public static final String ROUTES_CONFIG = "ticket-pipeline.dead-letters.routes";
    public static final String GLOBAL_TOPICS_CONFIG = "ticket-pipeline.dead-letters.global-topics";
    public static final String EVENTS_CONFIG = "ticket-pipeline.dead-letters.events";

    private static final String DEFAULT_EVENTS_DEAD_LETTERS = Topic.deadLetterNameOf(TopicNames.DEFAULTS.ticketEvents());
    private static final DeadLetterRoutes DEFAULTS = new DeadLetterRoutes(Map.of(), Set.of(), DEFAULT_EVENTS_DEAD_LETTERS);

    private final Map<String, String> deadLetterTopicBySource;
    private final Set<String> globalTopics;
    private final String eventsDeadLetters;

    private DeadLetterRoutes(Map<String, String> deadLetterTopicBySource, Set<String> globalTopics, String eventsDeadLetters) {
        this.deadLetterTopicBySource = Map.copyOf(deadLetterTopicBySource);
        this.globalTopics = Set.copyOf(globalTopics);
        this.eventsDeadLetters = eventsDeadLetters;
    }

    /** The classifier's routes: its repartition topics to the dead-letter topics of what they carry; releases read globally. */
    public static DeadLetterRoutes of(String applicationId, Topics topics) {
        Map<String, String> routes = new LinkedHashMap<>();
        routes.put(repartitionTopic(applicationId, SortingTopology.EVENTS_BY_PRODUCT), topics.ticketEvents().deadLetterName());
        routes.put(repartitionTopic(applicationId, SortingTopology.CORRECTIONS_BY_PRODUCT), topics.corrections().deadLetterName());
        routes.put(repartitionTopic(applicationId, ThemeWindowTopology.ENTRIES_BY_PRODUCT_THEME), topics.themeWindows().deadLetterName());
        return new DeadLetterRoutes(routes, Set.of(topics.releases().name()), topics.ticketEvents().deadLetterName());
    }

    /** Read back from the configuration Kafka Streams hands a handler; without the entries, every topic goes to {@code T.dlt}. */
    static DeadLetterRoutes fromConfig(Map<String, ?> configs) {
        Object routes = configs.get(ROUTES_CONFIG);
        Object global = configs.get(GLOBAL_TOPICS_CONFIG);
        Object events = configs.get(EVENTS_CONFIG);
        if (routes == null && global == null && events == null) {
            return DEFAULTS;
        }
        Map<String, String> bySource = new LinkedHashMap<>();
        for (String pair : split(routes)) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException(ROUTES_CONFIG + ": '" + pair + "' is not source-topic=dead-letter-topic");
            }
            bySource.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return new DeadLetterRoutes(bySource, new LinkedHashSet<>(split(global)), events == null ? DEFAULT_EVENTS_DEAD_LETTERS : events.toString());
    }

    /** The two configuration entries that {@link #fromConfig} reads back. */
    public Map<String, String> asConfig() {
        return Map.of(
                EVENTS_CONFIG, eventsDeadLetters,
                ROUTES_CONFIG, deadLetterTopicBySource.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(",")),
                GLOBAL_TOPICS_CONFIG, String.join(",", globalTopics));
    }

    String deadLetterTopicOf(String sourceTopic) {
        return deadLetterTopicBySource.getOrDefault(sourceTopic, Topic.deadLetterNameOf(sourceTopic));
    }

    /** Whether a letter for this topic holds ticket events, which {@code ./dead-letters redrive} may send back. */
    boolean holdsTicketEvents(String deadLetterTopic) {
        return eventsDeadLetters.equals(deadLetterTopic);
    }

    /** Whether the topic is one of the service's own, whose records go to another topic's dead letters. */
    boolean isRerouted(String sourceTopic) {
        return deadLetterTopicBySource.containsKey(sourceTopic);
    }

    boolean readByGlobalThread(String sourceTopic) {
        return globalTopics.contains(sourceTopic);
    }

    /** Every dead-letter topic the routes can write to, for the given source topics: the service creates them all. */
    Set<String> deadLetterTopics(Set<String> sourceTopics) {
        Set<String> all = new LinkedHashSet<>();
        sourceTopics.forEach(t -> all.add(deadLetterTopicOf(t)));
        all.addAll(deadLetterTopicBySource.values());
        return all;
    }

    private static String repartitionTopic(String applicationId, String name) {
        // how Kafka Streams names a repartition topic it creates for a named repartition or grouping
        return applicationId + "-" + name + "-repartition";
    }

    private static List<String> split(Object value) {
        if (value == null || value.toString().isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.toString().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
