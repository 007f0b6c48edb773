package org.ticketpipeline.classifier.app;

import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;
import org.ticketpipeline.classifier.sorting.TaxonomyFile;

/**
 * The taxonomy in use, and a team's file that was refused. UP either way: the sorting goes on with the
 * previous taxonomy, and a DOWN would have an orchestrator restart the service, whose start refuses the
 * file. The refusal stays in the details until the file is fixed, where it was one log line before.
 */
@Singleton
class TaxonomyHealthIndicator implements HealthIndicator {

    private final ClassifierStreams streams;

    TaxonomyHealthIndicator(ClassifierStreams streams) {
        this.streams = streams;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        return Publishers.just(HealthResult.builder("taxonomy", HealthStatus.UP).details(details(streams.taxonomyFile())).build());
    }

    static Map<String, Object> details(Optional<TaxonomyFile> file) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (file.isEmpty()) {
            details.put("source", "built-in");
            return details;
        }
        details.put("source", file.get().file().toString());
        details.put("themes", file.get().get().themes().size());
        file.get().refused().ifPresent(why -> details.put("refused", why));
        return details;
    }
}
