package de.fallnetz.gateway.partner;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;

import de.fallnetz.gateway.config.GatewayConfig;
import de.fallnetz.gateway.identity.Caller;
import de.fallnetz.gateway.identity.InternalTokens;
import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The one front door of the partner API: {@code /partner/v1/{service}/requests/…} goes to the interaction service of
 * that kind ({@code /partner/v1/requests/…} there), with the partner checked here (role {@code partner}, scope
 * {@code requests:read} to read and {@code requests:write} to act, a rate limit per client) and passed on as the
 * gateway's internal token. The service applies need-to-know ({@code partner_org}) and idempotency itself. The
 * complete contract: {@code /partner/openapi.yaml}.
 */
@Path("/partner/v1/{service}/requests")
@RolesAllowed("partner")
public class PartnerFrontDoorResource {

    static final String READ = "requests:read";
    static final String WRITE = "requests:write";
    private static final List<String> PASSED_ON = List.of("Content-Type", "Accept", "If-Match", "Idempotency-Key");
    private static final List<String> PASSED_BACK = List.of("Content-Type", "ETag", "Idempotency-Key",
            "Retry-After");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, String> routes;
    private final PartnerRateLimiter limiter;
    private final InternalTokens tokens;
    private final SecurityIdentity identity;
    private final GatewayConfig gateway;

    public PartnerFrontDoorResource(PartnerFrontDoorConfig config, PartnerRateLimiter limiter, InternalTokens tokens,
            SecurityIdentity identity, GatewayConfig gateway) {
        this.routes = config.routeMap();
        this.limiter = limiter;
        this.tokens = tokens;
        this.identity = identity;
        this.gateway = gateway;
    }

    @GET
    @Operation(hidden = true)
    public Response inbox(@PathParam("service") String service, @Context UriInfo uri, @Context HttpHeaders headers) {
        return forward(service, "GET", "", uri, headers, null, READ);
    }

    @GET
    @Path("{id}")
    @Operation(hidden = true)
    public Response request(@PathParam("service") String service, @PathParam("id") String id, @Context UriInfo uri,
            @Context HttpHeaders headers) {
        return forward(service, "GET", "/" + id, uri, headers, null, READ);
    }

    @POST
    @Path("{id}/{action: claim|answer|information-requests|documents}")
    @Consumes(MediaType.WILDCARD)
    @Operation(hidden = true)
    public Response act(@PathParam("service") String service, @PathParam("id") String id,
            @PathParam("action") String action, @Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return forward(service, "POST", "/" + id + "/" + action, uri, headers, body, WRITE);
    }

    private Response forward(String service, String method, String rest, UriInfo uri, HttpHeaders headers,
            byte[] body, String scope) {
        Caller caller = Caller.of(identity);
        // The scope first: a caller without it (e.g. a partner organisation's person) learns nothing about routes.
        if (caller.scope() == null || !Arrays.asList(caller.scope().split(" ")).contains(scope)) {
            throw new ProblemException(Problem.typed("insufficient-scope", "Forbidden", 403,
                    "The token lacks the scope " + scope));
        }
        String target = routes.get(service);
        if (target == null) {
            throw ProblemException.notFound("Partner API " + service);
        }
        String client = caller.partnerOrg() != null ? caller.partnerOrg() : caller.subject();
        long wait = limiter.acquire(client);
        if (wait > 0) {
            Response problem = Problem.typed("rate-limited", "Too Many Requests", 429,
                    "Too many calls of this client; retry after " + wait + " s").withInstance(uri.getPath())
                    .toResponse();
            return Response.fromResponse(problem).header("Retry-After", wait).build();
        }
        String query = uri.getRequestUri().getRawQuery();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + "/partner/v1/requests" + rest
                + (query == null ? "" : "?" + query))).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + tokens.sign(caller));
        for (String name : PASSED_ON) {
            String value = headers.getHeaderString(name);
            if (value != null) {
                request.header(name, value);
            }
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            return unavailable(service, uri);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable(service, uri);
        }
        Response.ResponseBuilder response = Response.status(answer.statusCode()).entity(answer.body());
        for (String name : PASSED_BACK) {
            answer.headers().firstValue(name).ifPresent(v -> response.header(name, v));
        }
        answer.headers().firstValue("Location").ifPresent(v -> response.header("Location",
                v.replace("/partner/v1/requests", "/partner/v1/" + service + "/requests")));
        return response.build();
    }

    private Response unavailable(String service, UriInfo uri) {
        Response problem = Problem.typed("service-unavailable", "Service Unavailable", 503,
                service + " cannot be reached; retry later").withInstance(uri.getPath()).toResponse();
        return Response.fromResponse(problem).header("Retry-After", gateway.retryAfter().toSeconds()).build();
    }
}
