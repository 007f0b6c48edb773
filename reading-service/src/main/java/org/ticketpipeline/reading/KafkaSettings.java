package org.ticketpipeline.reading;

import io.micronaut.context.annotation.ConfigurationProperties;
import org.ticketpipeline.schemas.topic.KafkaClientSettings;

/** Where Kafka and the schema registry are ({@code kafka.*}). */
@ConfigurationProperties("kafka")
public class KafkaSettings extends KafkaClientSettings {

    @Override
    @jakarta.annotation.PostConstruct
    public void validate() {
        super.validate();
    }
}
