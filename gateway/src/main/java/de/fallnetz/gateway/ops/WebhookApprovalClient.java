package de.fallnetz.gateway.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import de.fallnetz.gateway.identity.Caller;
import de.fallnetz.gateway.identity.InternalTokens;
import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;

/**
 * notification-service's operator setting of a webhook subscription ({@code /operator/webhook-subscriptions/{id}/
 * private-network}), with the operator's internal token, at the address the gateway's other calls to
 * notification-service use ({@code quarkus.rest-client.notification-service.url}). Plain HTTP rather than a REST
 * client interface, so that every answer, a problem included, comes back as it came.
 */
@ApplicationScoped
public class WebhookApprovalClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final Optional<String> url;
    private final InternalTokens tokens;

    public WebhookApprovalClient(
            @ConfigProperty(name = "quarkus.rest-client.notification-service.url") Optional<String> url,
            InternalTokens tokens) {
        this.url = url.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
        this.tokens = tokens;
    }

    /** {@code PUT} (allowed) or {@code DELETE} (withdrawn); a notification-service that does not answer is a 503. */
    public HttpResponse<String> privateNetwork(Caller caller, UUID subscription, boolean allowed) {
        if (url.isEmpty()) {
            throw unavailable();
        }
        HttpRequest request = HttpRequest
                .newBuilder(URI.create(url.get() + "/operator/webhook-subscriptions/" + subscription
                        + "/private-network"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + tokens.sign(caller))
                .header("Accept", "application/json")
                .method(allowed ? "PUT" : "DELETE", HttpRequest.BodyPublishers.noBody()).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
    }

    private static ProblemException unavailable() {
        return new ProblemException(Problem.typed("service-unavailable", "Service Unavailable", 503,
                "notification-service cannot be reached; retry later"));
    }
}
