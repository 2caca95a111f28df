package de.fallnetz.gateway.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import de.fallnetz.gateway.identity.Caller;
import de.fallnetz.gateway.identity.InternalTokens;
import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;

/**
 * The operators' calls to the services, in plain HTTP rather than REST client interfaces, so that every answer, a
 * problem included, comes back as it came: each with the caller's internal token and JSON accepted; a service that
 * does not answer is a 503 problem.
 */
@ApplicationScoped
class OperatorHttp {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final InternalTokens tokens;

    OperatorHttp(InternalTokens tokens) {
        this.tokens = tokens;
    }

    String token(Caller caller) {
        return tokens.sign(caller);
    }

    HttpRequest.Builder request(String token, URI uri, Duration timeout) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    HttpResponse<String> send(HttpRequest request, String service) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unavailable(service);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(service);
        }
    }

    CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    static ProblemException unavailable(String service) {
        return new ProblemException(Problem.typed("service-unavailable", "Service Unavailable", 503,
                service + " cannot be reached; retry later"));
    }
}
