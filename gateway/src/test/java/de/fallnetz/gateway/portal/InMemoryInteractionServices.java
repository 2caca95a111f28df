package de.fallnetz.gateway.portal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Stand-ins for every interaction service's partner API over HTTP, behind the gateway's partner routes (one per
 * service module with answer schemas, e.g. {@code relocation-handoff}, {@code recognition}): the organisation comes
 * from the internal token's {@code partner_org} (another organisation's request answers 404), writes need If-Match,
 * and an answer is validated against the service's own answer schema
 * ({@code partner-service/<service>/src/main/resources/answer-schemas/<KIND>.json}) the way interaction-core's
 * AnswerSchemas does, with the services' 400 problem and its {@code invalidParams} by JSON pointer. A document is
 * kept as its size and SHA-256. The real services are tested in partner-service.
 */
public class InMemoryInteractionServices implements QuarkusTestProfile {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The partner-service modules, from the gateway module's directory (where Maven runs its tests). */
    static final Path PARTNER_SERVICE = Path.of("..", "partner-service");
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.JSON_POINTER).locale(Locale.ENGLISH).formatAssertionsEnabled(true).build();
    private static final Set<String> NAMES_A_PROPERTY = Set.of("required", "additionalProperties",
            "dependentRequired", "unevaluatedProperties");
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();
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
        /** The answer's body as the service got it. */
        public volatile JsonNode answer;
        public final List<Map<String, Object>> documents = new ArrayList<>();
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
            // The answer's fields beyond the common ones, as interaction-core keeps them.
            Map<String, Object> answerDetails = new LinkedHashMap<>();
            if (answer != null) {
                answer.fields().forEachRemaining(f -> {
                    if (!Set.of("outcome", "reasons", "conditions").contains(f.getKey())) {
                        answerDetails.put(f.getKey(), f.getValue());
                    }
                });
            }
            m.put("answerDetails", answerDetails);
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

    /** Each interaction service (its module's name) with the kinds it has answer schemas for. */
    static Map<String, List<String>> services() {
        Map<String, List<String>> services = new TreeMap<>();
        try (Stream<Path> files = Files.list(PARTNER_SERVICE)) {
            for (Path module : files.sorted().toList()) {
                Path schemas = module.resolve("src/main/resources/answer-schemas");
                if (Files.isDirectory(schemas)) {
                    try (Stream<Path> kinds = Files.list(schemas)) {
                        services.put(module.getFileName().toString(), kinds.map(f -> f.getFileName().toString())
                                .filter(f -> f.endsWith(".json")).map(f -> f.replaceFirst("\\.json$", "")).sorted()
                                .toList());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return services;
    }

    /** The service's own answer schema of a kind. */
    static Path schemaFile(String service, String kind) {
        return PARTNER_SERVICE.resolve(service).resolve("src/main/resources/answer-schemas").resolve(kind + ".json");
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        int port = start();
        String routes = services().keySet().stream().map(s -> s + "=http://127.0.0.1:" + port + "/" + s)
                .collect(Collectors.joining(","));
        return Map.of("fallnetz.gateway.partner.routes", routes,
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
            for (String service : services().keySet()) {
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
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long size;
        byte[] body;
        try (DigestInputStream in = new DigestInputStream(exchange.getRequestBody(), sha256)) {
            // A document is only counted and hashed; anything else is small and read.
            if (exchange.getRequestURI().getPath().endsWith("/documents")) {
                size = in.transferTo(OutputStream.nullOutputStream());
                body = new byte[0];
            } else {
                body = in.readAllBytes();
                size = body.length;
            }
        }
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
                    List<Map<String, String>> violations = violations(service, r.kind, answer);
                    if (!violations.isEmpty()) {
                        send(exchange, 400, Map.of("type", "urn:fallnetz:problem:invalid-answer", "title",
                                "Invalid request", "status", 400, "invalidParams", violations), null);
                        return;
                    }
                    r.answer = answer;
                    r.state = "ANSWERED";
                    r.outcome = answer.path("outcome").asText();
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
                    d.put("sizeBytes", size);
                    d.put("sha256", HexFormat.of().formatHex(sha256.digest()));
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

    /** The violations of the service's answer schema, as interaction-core's AnswerSchemas reports them. */
    private static List<Map<String, String>> violations(String service, String kind, JsonNode answer) {
        JsonSchema schema = SCHEMAS.computeIfAbsent(kind, k -> {
            try (InputStream in = Files.newInputStream(schemaFile(service, k))) {
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, CONFIG);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        List<Map<String, String>> violations = new ArrayList<>();
        for (ValidationMessage m : schema.validate(answer)) {
            String at = m.getInstanceLocation() == null ? "" : m.getInstanceLocation().toString();
            if (NAMES_A_PROPERTY.contains(m.getType()) && m.getProperty() != null) {
                at = at + "/" + m.getProperty();
            }
            violations.add(Map.of("name", at.isEmpty() ? "/" : at, "reason", m.getError()));
        }
        return violations;
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
