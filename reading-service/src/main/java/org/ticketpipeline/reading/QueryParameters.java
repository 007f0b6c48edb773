package org.ticketpipeline.reading;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.MethodBasedRouteMatch;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A query parameter the request's endpoint does not take, or one given twice, is refused naming it: a misspelt
 * {@code ?weeks=2026-11-16} used to answer the default week as if it had been asked for, and {@code ?kind=weekly&kind=theme_spike}
 * to filter on one of the two. The parameters an endpoint takes are its method's {@link QueryValue} arguments.
 */
// the API's own endpoints only: /health and /prometheus are asked by probes and scrapers that may add parameters of their own
@ServerFilter("/v1/**")
class QueryParameters {

    @RequestFilter
    @Nullable
    HttpResponse<?> refuseUnknownOrRepeated(HttpRequest<?> request) {
        Optional<RouteMatch<?>> route = RouteAttributes.getRouteMatch(request);
        if (route.isEmpty() || !(route.get() instanceof MethodBasedRouteMatch<?, ?> method) || request.getParameters().isEmpty()) {
            return null;
        }
        Set<String> taken = taken(method.getArguments());
        List<Problem.FieldError> errors = new ArrayList<>();
        for (String name : new TreeSet<>(request.getParameters().names())) {
            String shown = name.length() <= 40 ? name : name.substring(0, 40) + "…";
            if (!taken.contains(name)) {
                errors.add(new Problem.FieldError(shown, taken.isEmpty() ? "is not a parameter: this request takes none"
                        : "is not a parameter of this request: " + String.join(", ", new TreeSet<>(taken))));
            } else if (request.getParameters().getAll(name).size() > 1) {
                errors.add(new Problem.FieldError(shown, "is given " + request.getParameters().getAll(name).size() + " times; it takes one value"));
            }
        }
        return errors.isEmpty() ? null : Problem.response(HttpStatus.BAD_REQUEST, "Bad query parameter",
                "the query names a parameter this request does not take, or one twice: see errors", errors.toArray(Problem.FieldError[]::new));
    }

    /** The names of the method's query parameters, as the request spells them. */
    static Set<String> taken(Argument<?>[] arguments) {
        Set<String> names = new TreeSet<>();
        for (Argument<?> argument : arguments) {
            if (argument.getAnnotationMetadata().hasAnnotation(QueryValue.class)) {
                names.add(argument.getAnnotationMetadata().stringValue(QueryValue.class).filter(n -> !n.isEmpty()).orElse(argument.getName()));
            }
        }
        return names;
    }
}
