package de.fallnetz.notifications.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import de.fallnetz.notifications.config.NotificationConfig;
import de.fallnetz.notifications.delivery.Channel;
import de.fallnetz.notifications.delivery.ClaimedDelivery;
import de.fallnetz.notifications.delivery.DeliveryQueue;

/**
 * POSTs a signed webhook. {@code webhook-id} is the delivery's ID, the same on every retry, so a receiver that saw it
 * already can answer 2xx and drop it. Any 2xx is delivered; anything else, a timeout or a refused target is a failed
 * attempt.
 */
@ApplicationScoped
public class WebhookChannel implements Channel {

    private final SubscriptionService subscriptions;
    private final WebhookTargets targets;
    private final NotificationConfig.Webhooks config;
    private final HttpClient client;

    public WebhookChannel(SubscriptionService subscriptions, WebhookTargets targets, NotificationConfig config) {
        this.subscriptions = subscriptions;
        this.targets = targets;
        this.config = config.webhooks();
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(this.config.timeout()).build();
    }

    @Override
    public String name() {
        return DeliveryQueue.WEBHOOK;
    }

    @Override
    public Result send(ClaimedDelivery d) {
        Optional<Subscription> found = subscriptions.find(d.subscriptionId());
        if (found.isEmpty()) {
            return Result.failed(null, "subscription deleted");
        }
        Subscription s = found.get();
        Optional<String> refusal = targets.refusal(s.url());
        if (refusal.isEmpty() && !s.allowPrivateNetwork() && targets.isPrivate(s.url())) {
            refusal = Optional.of("resolves to a private-network address");
        }
        if (refusal.isPresent()) {
            return Result.failed(null, "target refused: " + refusal.get());
        }
        List<String> secrets = subscriptions.signingSecrets(s.id());
        String id = d.id().toString();
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(s.url()))
                .timeout(config.timeout())
                .header("content-type", "application/json")
                .header("webhook-id", id)
                .header("webhook-timestamp", String.valueOf(timestamp))
                .header("webhook-signature", WebhookSigner.signature(secrets, id, timestamp, d.textBody()))
                .POST(HttpRequest.BodyPublishers.ofString(d.textBody(), StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? Result.ok(status) : Result.failed(status, "HTTP " + status);
        } catch (IOException e) {
            return Result.failed(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed(null, "interrupted");
        }
    }
}
