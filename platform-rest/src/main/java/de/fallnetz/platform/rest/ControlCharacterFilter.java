package de.fallnetz.platform.rest;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The same rule for query and path parameters as {@link StrictJsonCustomizer} applies to JSON bodies: a control
 * character (a NUL above all, which PostgreSQL cannot store or compare) is refused with a 400 naming the parameter,
 * before any resource or database sees it.
 */
public class ControlCharacterFilter {

    @ServerRequestFilter(preMatching = true)
    public jakarta.ws.rs.core.Response refuseControlCharacters(ContainerRequestContext request) {
        String bad = firstBad(request.getUriInfo().getQueryParameters(true));
        if (bad == null) {
            bad = request.getUriInfo().getPathSegments(true).stream()
                    .filter(s -> StrictJsonCustomizer.hasControlCharacter(s.getPath())).findFirst()
                    .map(s -> "path").orElse(null);
        }
        if (bad == null) {
            return null;
        }
        return Problem.typed("invalid-request", "Invalid request", 400, bad + ": must not contain control characters")
                .withInstance(request.getUriInfo().getPath())
                .withInvalidParams(List.of(new Problem.InvalidParam(bad, "must not contain control characters")))
                .toResponse();
    }

    private static String firstBad(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            if (StrictJsonCustomizer.hasControlCharacter(p.getKey())
                    || p.getValue().stream().anyMatch(StrictJsonCustomizer::hasControlCharacter)) {
                return p.getKey().replaceAll("\\p{Cntrl}", "?");
            }
        }
        return null;
    }
}
