package org.ticketpipeline.reading;

import io.micronaut.context.annotation.Context;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.sse.Event;
import io.micronaut.json.JsonMapper;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.ticketpipeline.schemas.Reading;
import org.ticketpipeline.schemas.registry.SchemaRegistryClient;
import org.ticketpipeline.schemas.serde.AvroDeserializer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * {@code GET /v1/readings/stream}: every reading published on the {@code readings} topic, by any
 * instance, as server-sent events (event name: the reading's kind, id: its reading id), from the
 * moment of connection. A consumer of its own follows the topic; Reactor fans it out to the clients.
 */
@Context
@Controller("/v1/readings")
class ReadingsStream {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingsStream.class);

    private final Sinks.Many<Event<String>> sink = Sinks.many().multicast().directBestEffort();
    private final KafkaConsumer<String, Reading> consumer;
    private final Thread follower;
    private final JsonMapper json;
    private volatile boolean running = true;

    /** Takes the view so that it is built first: it creates the readings topic this follows. */
    ReadingsStream(KafkaSettings kafka, ReadingSettings settings, JsonMapper json, ThemeWindowsView view) {
        this.json = json;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, settings.getApplicationId() + "-sse-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new AvroDeserializer<>(new SchemaRegistryClient(kafka.getSchemaRegistryUrl()), Reading.class));
        this.follower = new Thread(() -> follow(settings.getReadingsTopic()), "readings-sse");
        follower.setDaemon(true);
        follower.start();
    }

    @Get(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<String>> stream() {
        return Flux.concat(Flux.just(Event.of("{}").name("connected")), sink.asFlux());
    }

    private void follow(String topic) {
        try {
            // assigned, not subscribed: no group join, so a client connected now sees the next reading
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (running) {
                for (ConsumerRecord<String, Reading> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null) {
                        sink.tryEmitNext(Event.of(toJson(record.value())).name(record.value().getKind().name().toLowerCase(Locale.ROOT))
                                .id(record.value().getReadingId()));
                    }
                }
            }
        } catch (WakeupException stopping) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("readings stream stopped following {}", topic, e);
        } finally {
            consumer.close();
        }
    }

    private String toJson(Reading reading) {
        try {
            return json.writeValueAsString(Map.of("readingId", reading.getReadingId(), "kind", reading.getKind().name().toLowerCase(Locale.ROOT),
                    "product", reading.getProduct(), "audience", reading.getAudience(), "periodStart", reading.getPeriodStart().toString(),
                    "lines", reading.getLines(), "madeFrom", reading.getMadeFrom()));
        } catch (IOException e) {
            return "{}";
        }
    }

    @PreDestroy
    void close() {
        running = false;
        consumer.wakeup();
        sink.tryEmitComplete();
    }
}
