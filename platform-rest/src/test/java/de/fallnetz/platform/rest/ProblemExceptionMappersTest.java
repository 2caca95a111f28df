package de.fallnetz.platform.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.junit.jupiter.api.Test;

class ProblemExceptionMappersTest {

    private final ProblemExceptionMappers mappers = new ProblemExceptionMappers();

    @Test
    void aProblemThatSaysWhenToComeBackIsAnsweredWithRetryAfterInWholeSeconds() {
        Response response = mappers.problem(new ProblemException(
                Problem.typed("letters-busy", "Service Unavailable", 503, "busy"), Duration.ofMillis(1_500)),
                uri("/cases/c-1/decision"));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("2");
        assertThat(response.getMediaType().toString()).isEqualTo("application/problem+json");
        assertThat(((Problem) response.getEntity()).instance()).isEqualTo("/cases/c-1/decision");
    }

    @Test
    void aProblemWithoutATimeToComeBackHasNoRetryAfter() {
        Response response = mappers.problem(ProblemException.notFound("Case c-1"), uri("/cases/c-1"));

        assertThat(response.getStatus()).isEqualTo(404);
        assertThat(response.getHeaderString("Retry-After")).isNull();
    }

    /** A UriInfo that knows only its path: all the mapper asks. */
    private static UriInfo uri(String path) {
        return (UriInfo) Proxy.newProxyInstance(UriInfo.class.getClassLoader(), new Class<?>[] { UriInfo.class },
                (proxy, method, args) -> switch (method.getName()) {
                    case "getPath" -> path;
                    case "getRequestUri" -> URI.create("http://localhost" + path);
                    default -> null;
                });
    }
}
