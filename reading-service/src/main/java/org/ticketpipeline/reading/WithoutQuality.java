package org.ticketpipeline.reading;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;

/**
 * An answer whose type its route alone decides is sent as that type. Left to the framework, the type is
 * taken from the request's Accept, parameters and all: {@code Accept: application/json;q=0.9} was answered
 * {@code Content-Type: application/json;q=0.9}, a parameter JSON has not, which a strict client refuses.
 * A route that answers in several types names the one it chose itself ({@link ReadingText#format}).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class WithoutQuality {

    @ResponseFilter
    void typeOfTheRoute(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.getContentType().isPresent() || response.body() == null) {
            return;
        }
        RouteAttributes.getRouteInfo(request).map(RouteInfo::getProduces).filter(types -> types.size() == 1)
                .ifPresent(types -> response.contentType(types.get(0)));
    }
}
