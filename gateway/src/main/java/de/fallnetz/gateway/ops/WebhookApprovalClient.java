package de.fallnetz.gateway.ops;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import de.fallnetz.gateway.identity.Caller;

/**
 * notification-service's operator setting of a webhook subscription ({@code /operator/webhook-subscriptions/{id}/
 * private-network}), with the operator's internal token, at the address the gateway's other calls to
 * notification-service use ({@code quarkus.rest-client.notification-service.url}).
 */
@ApplicationScoped
public class WebhookApprovalClient {

    private static final String SERVICE = "notification-service";
    private final Optional<String> url;
    private final OperatorHttp http;

    public WebhookApprovalClient(
            @ConfigProperty(name = "quarkus.rest-client.notification-service.url") Optional<String> url,
            OperatorHttp http) {
        this.url = url.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u);
        this.http = http;
    }

    /** {@code PUT} (allowed) or {@code DELETE} (withdrawn); a notification-service that does not answer is a 503. */
    public HttpResponse<String> privateNetwork(Caller caller, UUID subscription, boolean allowed) {
        if (url.isEmpty()) {
            throw OperatorHttp.unavailable(SERVICE);
        }
        URI uri = URI.create(url.get() + "/operator/webhook-subscriptions/" + subscription + "/private-network");
        return http.send(http.request(http.token(caller), uri, Duration.ofSeconds(10))
                .method(allowed ? "PUT" : "DELETE", HttpRequest.BodyPublishers.noBody()).build(), SERVICE);
    }
}
