package de.fallnetz.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import io.quarkus.test.common.http.TestHTTPResourceManager;

/**
 * Calls of a partner on the partner API (/partner/v1) of the interaction service under test, with a token of
 * {@link PartnerTokens#shared()}: what a policy test needs to answer a request the way the partner would.
 */
public final class PartnerCalls {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PartnerCalls() {
    }

    /**
     * Answers {@code interactionId} as a user of {@code organisation}: fetches the request's ETag, then posts
     * {@code answerJson} with it and a fresh Idempotency-Key.
     *
     * @return the HTTP status of the answer
     */
    public static int answer(String organisation, String interactionId, String answerJson) {
        String token = PartnerTokens.shared().mint(organisation);
        URI request = URI.create(TestHTTPResourceManager.getUri().replaceAll("/+$", "") + "/partner/v1/requests/" + interactionId);
        HttpResponse<String> current = send(HttpRequest.newBuilder(request).header("Authorization", "Bearer " + token)
                .GET().build());
        if (current.statusCode() != 200) {
            throw new IllegalStateException("GET " + request + " answered " + current.statusCode() + ": "
                    + current.body());
        }
        String etag = current.headers().firstValue("ETag").orElseThrow();
        return send(HttpRequest.newBuilder(URI.create(request + "/answer"))
                .header("Authorization", "Bearer " + token).header("If-Match", etag)
                .header("Idempotency-Key", UUID.randomUUID().toString()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(answerJson)).build()).statusCode();
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
