package de.fallnetz.gateway.portal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Stand-ins for two interaction services' partner API ({@code relocation-handoff} and {@code welcome-center}) over
 * HTTP, behind the gateway's partner routes: the organisation comes from the internal token's {@code partner_org}
 * (another organisation's request answers 404), writes need If-Match, and an answer is checked against the rules of
 * its kind's answer schema that the portal's form can break (an outcome of the kind; reasons when declining), with the
 * services' 400 problem and its {@code invalidParams}. The real services are tested in partner-service.
 */
public class InMemoryInteractionServices implements QuarkusTestProfile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Set<String>> OUTCOMES = Map.of("RELOCATION_HANDOFF",
            Set.of("DOCUMENTS_SUBMITTED", "DECLINED"), "WELCOME_CENTER", Set.of("ACKNOWLEDGED"));
    private static HttpServer server;
    static final Map<String, Request> REQUESTS = new ConcurrentHashMap<>();
    /** The claims of the internal token of the last call. */
    static volatile JsonNode lastToken;

    /** One request as a service holds it. */
    public static final class Request {
        final String service;
        public final String id = "ir-" + UUID.randomUUID();
        public final String caseId = UUID.randomUUID().toString();
        final String kind;
        final String org;
        final Instant dueAt;
        final Map<String, Object> data;
        public String state = "DELIVERED";
        public String claimedBy;
        String outcome;
        String reasons;
        List<String> conditions = List.of();
        final List<Map<String, Object>> documents = new ArrayList<>();
        long version = 1;

        Request(String service, String kind, String org, Instant dueAt, Map<String, Object> data) {
            this.service = service;
            this.kind = kind;
            this.org = org;
            this.dueAt = dueAt;
            this.data = data;
        }

        Map<String, Object> json(boolean details) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", id);
            m.put("caseId", caseId);
            m.put("kind", kind);
            m.put("caseType", "BLUE_CARD");
            m.put("officeId", "abh-berlin");
            m.put("state", state);
            m.put("dueAt", dueAt.toString());
            m.put("requestedAt", dueAt.minus(14, ChronoUnit.DAYS).toString());
            m.put("claimedBy", claimedBy);
            m.put("outcome", outcome);
            m.put("reasons", reasons);
            m.put("conditions", conditions);
            m.put("version", version);
            if (details) {
                m.put("data", data);
                m.put("documents", documents);
            }
            return m;
        }
    }

    /** A new request to the organisation {@code org}, as the service would have delivered it. */
    public static Request deliver(String service, String kind, String org, int dueInDays) {
        Request r = new Request(service, kind, org, Instant.now().plus(dueInDays, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.MINUTES), Map.of("requestedDocuments", "Arbeitsvertrag, Stellenbeschreibung",
                        "note", "Bitte Unterlagen zum Antrag nachreichen"));
        REQUESTS.put(r.id, r);
        return r;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        int port = start();
        return Map.of("fallnetz.gateway.partner.routes", "relocation-handoff=http://127.0.0.1:" + port
                + "/relocation-handoff,welcome-center=http://127.0.0.1:" + port + "/welcome-center",
                // Never called here: the portal needs no case-service.
                "quarkus.rest-client.case-service.url", "http://127.0.0.1:9");
    }

    private static synchronized int start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            for (String service : List.of("relocation-handoff", "welcome-center")) {
                String base = "/" + service + "/partner/v1/requests";
                server.createContext(base, exchange -> {
                    try {
                        handle(service, base, exchange);
                    } catch (RuntimeException e) {
                        send(exchange, 500, Map.of("title", String.valueOf(e)), null);
                    }
                });
            }
            server.start();
        }
        return server.getAddress().getPort();
    }

    private static void handle(String service, String base, HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        JsonNode token = claims(exchange.getRequestHeaders().getFirst("Authorization"));
        lastToken = token;
        String org = token.path("partner_org").asText(null);
        if (org == null || !token.path("groups").toString().contains("\"partner\"")) {
            send(exchange, 403, Map.of("title", "Forbidden", "status", 403), null);
            return;
        }
        String rest = exchange.getRequestURI().getPath().substring(base.length());
        if (rest.isEmpty() || "/".equals(rest)) {
            List<Map<String, Object>> items = REQUESTS.values().stream()
                    .filter(r -> r.service.equals(service) && r.org.equals(org)
                            && Set.of("DELIVERED", "CLAIMED").contains(r.state))
                    .sorted((a, b) -> a.dueAt.compareTo(b.dueAt)).map(r -> r.json(false)).toList();
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("items", items);
            page.put("next", null);
            send(exchange, 200, page, null);
            return;
        }
        String[] parts = rest.substring(1).split("/");
        Request r = REQUESTS.get(parts[0]);
        if (r == null || !r.service.equals(service) || !r.org.equals(org)) {
            send(exchange, 404, Map.of("title", "Not Found", "status", 404, "detail", "Request " + parts[0]), null);
            return;
        }
        if (parts.length == 1) {
            send(exchange, 200, r.json(true), r.version);
            return;
        }
        String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
        if (ifMatch == null || !ifMatch.replace("\"", "").equals(String.valueOf(r.version))) {
            send(exchange, 412, Map.of("title", "Precondition Failed", "status", 412, "detail",
                    "The request has changed meanwhile (version " + r.version + ")"), null);
            return;
        }
        synchronized (r) {
            switch (parts[1]) {
                case "claim":
                    r.state = "CLAIMED";
                    r.claimedBy = token.path("preferred_username").asText();
                    break;
                case "answer":
                    JsonNode answer = JSON.readTree(body);
                    List<Map<String, String>> violations = new ArrayList<>();
                    String outcome = answer.path("outcome").asText(null);
                    if (outcome == null) {
                        violations.add(Map.of("name", "/outcome", "reason", "required property 'outcome' not found"));
                    } else if (!OUTCOMES.get(r.kind).contains(outcome)) {
                        violations.add(Map.of("name", "/outcome", "reason",
                                "does not have a value in the enumeration " + OUTCOMES.get(r.kind)));
                    } else if ("DECLINED".equals(outcome) && !answer.has("reasons")) {
                        violations.add(Map.of("name", "/reasons", "reason", "required property 'reasons' not found"));
                    }
                    if (!violations.isEmpty()) {
                        send(exchange, 400, Map.of("type", "urn:fallnetz:problem:invalid-answer", "title",
                                "Invalid request", "status", 400, "invalidParams", violations), null);
                        return;
                    }
                    r.state = "ANSWERED";
                    r.outcome = outcome;
                    r.reasons = answer.path("reasons").asText(null);
                    List<String> conditions = new ArrayList<>();
                    answer.path("conditions").forEach(c -> conditions.add(c.asText()));
                    r.conditions = conditions;
                    break;
                case "documents":
                    String query = exchange.getRequestURI().getQuery();
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("id", UUID.randomUUID().toString());
                    d.put("fileName", query == null ? "document.pdf" : query.replaceFirst("^fileName=", ""));
                    d.put("sizeBytes", body.length);
                    d.put("uploadedAt", Instant.now().toString());
                    r.documents.add(d);
                    r.version++;
                    send(exchange, 201, d, r.version);
                    return;
                default:
                    send(exchange, 404, Map.of("title", "Not Found", "status", 404), null);
                    return;
            }
            r.version++;
            send(exchange, 200, r.json(true), r.version);
        }
    }

    private static JsonNode claims(String authorization) throws IOException {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return JSON.createObjectNode();
        }
        String[] jwt = authorization.substring(7).split("\\.");
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
    }

    private static void send(HttpExchange exchange, int status, Object body, Long version) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type",
                status >= 400 ? "application/problem+json" : "application/json");
        if (version != null) {
            exchange.getResponseHeaders().add("ETag", "\"" + version + "\"");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
