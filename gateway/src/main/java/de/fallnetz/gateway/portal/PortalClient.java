package de.fallnetz.gateway.portal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import de.fallnetz.gateway.identity.Caller;
import de.fallnetz.gateway.identity.InternalTokens;
import de.fallnetz.gateway.partner.PartnerFrontDoorConfig;

/**
 * The portal's calls to the interaction services' partner API ({@code /partner/v1/requests}), with the same internal
 * token a partner system's call through the front door carries: role {@code partner}, {@code partner_org} and the
 * partner scopes. So each service applies its need-to-know rules (a relocation agency only under a valid power of
 * attorney) unchanged. The services are those of the front door's routes.
 */
@ApplicationScoped
public class PortalClient {

    /** What a partner client may do through the front door, and so what a portal user may do. */
    static final String SCOPES = "requests:read requests:write";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** A document of up to 10 MiB is given as long as through the front door. */
    private static final Duration UPLOAD_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, String> routes;
    private final InternalTokens tokens;

    public PortalClient(PartnerFrontDoorConfig config, InternalTokens tokens) {
        this.routes = config.routeMap();
        this.tokens = tokens;
    }

    /** An answer of a service: its status, body and ETag; status 0 when it could not be reached. */
    public record Answer(int status, String body, String etag) {

        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    boolean knows(String service) {
        return routes.containsKey(service);
    }

    /** Every service's open requests for the caller's organisation, asked all at once. */
    Map<String, Answer> inboxes(Caller caller) {
        String token = token(caller);
        Map<String, CompletableFuture<Answer>> pending = new LinkedHashMap<>();
        routes.forEach((service, url) -> pending.put(service, http
                .sendAsync(request(url + "/partner/v1/requests?limit=100", token).GET().build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(PortalClient::answer).exceptionally(e -> new Answer(0, null, null))));
        Map<String, Answer> answers = new LinkedHashMap<>();
        pending.forEach((service, future) -> answers.put(service, future.join()));
        return answers;
    }

    Answer get(Caller caller, String service, String id) {
        return send(service, "/" + encode(id), token(caller), null, null, null, null);
    }

    /** Posts an action; the body is a publisher so that a document goes on from disk without being held in memory. */
    Answer post(Caller caller, String service, String id, String action, String ifMatch, String key,
            String contentType, HttpRequest.BodyPublisher body) {
        return send(service, "/" + encode(id) + "/" + action, token(caller), ifMatch, key, contentType,
                body == null ? HttpRequest.BodyPublishers.noBody() : body);
    }

    private Answer send(String service, String rest, String token, String ifMatch, String key, String contentType,
            HttpRequest.BodyPublisher body) {
        String url = routes.get(service);
        HttpRequest.Builder request = request(url + "/partner/v1/requests" + rest, token);
        if (body == null) {
            request.GET();
        } else {
            request.POST(body);
            request.header("If-Match", "\"" + ifMatch + "\"").header("Idempotency-Key", key);
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            if ("application/pdf".equals(contentType)) {
                request.timeout(UPLOAD_TIMEOUT);
            }
        }
        try {
            return answer(http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return new Answer(0, null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, null, null);
        }
    }

    private String token(Caller caller) {
        return tokens.sign(caller.withScope(SCOPES));
    }

    private static HttpRequest.Builder request(String uri, String token) {
        return HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT).header("Accept", "application/json")
                .header("Authorization", "Bearer " + token);
    }

    private static Answer answer(HttpResponse<String> response) {
        return new Answer(response.statusCode(), response.body(),
                response.headers().firstValue("ETag").map(e -> e.replaceFirst("^W/", "").replace("\"", ""))
                        .orElse(null));
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
