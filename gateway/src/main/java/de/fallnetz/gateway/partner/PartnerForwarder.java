package de.fallnetz.gateway.partner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import de.fallnetz.gateway.config.GatewayConfig;
import de.fallnetz.gateway.identity.Caller;
import de.fallnetz.gateway.identity.InternalTokens;
import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;

/**
 * What every partner API route does on its way to a service: checks the scope, takes a call from the client's rate
 * limit, passes the call on with the gateway's internal token and passes the answer back as it came (503 with
 * Retry-After when the service cannot be reached).
 */
@ApplicationScoped
public class PartnerForwarder {

    static final String READ = "requests:read";
    static final String WRITE = "requests:write";
    private static final List<String> PASSED_ON = List.of("Content-Type", "Accept", "If-Match", "Idempotency-Key");
    private static final List<String> PASSED_BACK = List.of("Content-Type", "ETag", "Idempotency-Key",
            "Retry-After");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final PartnerRateLimiter limiter;
    private final InternalTokens tokens;
    private final GatewayConfig gateway;

    public PartnerForwarder(PartnerRateLimiter limiter, InternalTokens tokens, GatewayConfig gateway) {
        this.limiter = limiter;
        this.tokens = tokens;
        this.gateway = gateway;
    }

    /** Throws 403 unless the caller's token carries the scope; first, so that such a caller learns nothing more. */
    public void requireScope(Caller caller, String scope) {
        if (caller.scope() == null || !Arrays.asList(caller.scope().split(" ")).contains(scope)) {
            throw new ProblemException(Problem.typed("insufficient-scope", "Forbidden", 403,
                    "The token lacks the scope " + scope));
        }
    }

    /** {@link #forward(Caller, String, String, String, String, UriInfo, HttpHeaders, HttpRequest.BodyPublisher,
     * UnaryOperator)} with a body read already (a small JSON document). */
    public Response forward(Caller caller, String name, String base, String method, String path, UriInfo uri,
            HttpHeaders headers, byte[] body, UnaryOperator<String> location) {
        return forward(caller, name, base, method, path, uri, headers,
                body == null ? null : HttpRequest.BodyPublishers.ofByteArray(body), location);
    }

    /**
     * Sends {@code method path} (plus the caller's query) to {@code base}; {@code location} rewrites a Location header
     * of the answer into the gateway's path space. {@code base} null means the service is not configured: 503.
     */
    public Response forward(Caller caller, String name, String base, String method, String path, UriInfo uri,
            HttpHeaders headers, HttpRequest.BodyPublisher body, UnaryOperator<String> location) {
        String client = caller.partnerOrg() != null ? caller.partnerOrg() : caller.subject();
        long wait = limiter.acquire(client);
        if (wait > 0) {
            Response problem = Problem.typed("rate-limited", "Too Many Requests", 429,
                    "Too many calls of this client; retry after " + wait + " s").withInstance(uri.getPath())
                    .toResponse();
            return Response.fromResponse(problem).header("Retry-After", wait).build();
        }
        if (base == null) {
            return unavailable(name, uri);
        }
        String query = uri.getRequestUri().getRawQuery();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path
                + (query == null ? "" : "?" + query))).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + tokens.sign(caller));
        for (String header : PASSED_ON) {
            String value = headers.getHeaderString(header);
            if (value != null) {
                request.header(header, value);
            }
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return unavailable(name, uri);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable(name, uri);
        }
        Response.ResponseBuilder response = Response.status(answer.statusCode()).entity(answer.body());
        for (String header : PASSED_BACK) {
            answer.headers().firstValue(header).ifPresent(v -> response.header(header, v));
        }
        answer.headers().firstValue("Location").ifPresent(v -> response.header("Location", location.apply(v)));
        return response.build();
    }

    private Response unavailable(String name, UriInfo uri) {
        Response problem = Problem.typed("service-unavailable", "Service Unavailable", 503,
                name + " cannot be reached; retry later").withInstance(uri.getPath()).toResponse();
        return Response.fromResponse(problem).header("Retry-After", gateway.retryAfter().toSeconds()).build();
    }
}
