package de.fallnetz.gateway.ops;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import de.fallnetz.gateway.identity.Caller;
import de.fallnetz.platform.rest.ProblemException;

/**
 * Asks the services' operator endpoints ({@code /ops/v1}, platform-messaging) with the operator's internal token: all
 * of them at once for the view, one of them for an action.
 */
@ApplicationScoped
public class IncidentsClient {

    private final OperatorHttp http;
    private final Map<String, String> services;
    private final Duration timeout;
    private final ObjectMapper mapper;
    private final ObjectReader incidents;

    public IncidentsClient(OpsConfig config, OperatorHttp http, ObjectMapper mapper) {
        this.services = config.serviceMap();
        this.timeout = config.timeout();
        this.http = http;
        this.mapper = mapper;
        this.incidents = mapper.readerFor(ServiceIncidents.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public List<String> services() {
        return List.copyOf(services.keySet());
    }

    /** Every service's incidents, in the configured order; a service that does not answer shows why. */
    public List<ServiceIncidents> all(Caller caller, boolean withDiscarded) {
        String token = http.token(caller);
        Map<String, CompletableFuture<ServiceIncidents>> calls = new LinkedHashMap<>();
        services.forEach((name, url) -> calls.put(name, http.sendAsync(
                http.request(token, URI.create(url + "/ops/v1/incidents?withDiscarded=" + withDiscarded), timeout)
                        .GET().build())
                .thenApply(response -> read(name, response))
                .exceptionally(e -> ServiceIncidents.unreachable(name, "not reachable"))));
        List<ServiceIncidents> all = new ArrayList<>();
        calls.values().forEach(call -> all.add(call.join()));
        return all;
    }

    private ServiceIncidents read(String name, HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return ServiceIncidents.unreachable(name, "answered HTTP " + response.statusCode());
        }
        try {
            return incidents.<ServiceIncidents>readValue(response.body()).named(name);
        } catch (IOException e) {
            return ServiceIncidents.unreachable(name, "answered something other than incidents");
        }
    }

    /**
     * Posts an action to one service and returns its answer as it came (status and JSON body), so that the
     * service's problem reaches the operator unchanged.
     */
    public HttpResponse<String> post(Caller caller, String service, String path, Object body) {
        String url = services.get(service);
        if (url == null) {
            throw ProblemException.notFound("Service " + service);
        }
        HttpRequest.Builder request = http.request(http.token(caller), URI.create(url + "/ops/v1/" + path),
                Duration.ofSeconds(30));
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            try {
                request.header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(body)));
            } catch (JsonProcessingException e) {
                // The actions' bodies are the gateway's own records: a programming error, not the caller's.
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
        return http.send(request.build(), service);
    }
}
