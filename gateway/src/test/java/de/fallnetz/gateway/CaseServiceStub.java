package de.fallnetz.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The gateway in front of a stand-in for a newer case-service, whose case answers carry a property the gateway's
 * contract does not know yet ({@value #NEW_PROPERTY}). It opens a case on the first request with a key but answers
 * it with a 502, as a proxy in between might: the gateway's own retry then gets the 200 of a repeated key. A key
 * starting with {@value #DIES} finds it dying: the connection closes without an answer. Every decision finds all its
 * letter renderers busy ({@value #LETTERS_BUSY}, 503 with Retry-After), and so does every read of the statistics.
 */
public class CaseServiceStub implements QuarkusTestProfile {

    static final String NEW_PROPERTY = "addedByANewerCaseService";

    private static HttpServer server;
    /** The Authorization header of the last call the stand-in got: the gateway's internal token. */
    static volatile String lastAuthorization;
    /** Case openings the stand-in was asked for, retries included. */
    static final AtomicInteger openings = new AtomicInteger();
    /** Keys starting with this make the stand-in close the connection without answering. */
    static final String DIES = "dies-";
    private static final Set<String> openedKeys = ConcurrentHashMap.newKeySet();
    static final String LETTERS_BUSY = "urn:fallnetz:problem:letters-busy";
    /** Reads of the statistics, which the stand-in always answers busy; retries included. */
    static final AtomicInteger statisticsReads = new AtomicInteger();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.rest-client.case-service.url", "http://127.0.0.1:" + start());
    }

    private static synchronized int start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/cases/", exchange -> {
                lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
                if (exchange.getRequestURI().getPath().endsWith("/decision")) {
                    lettersBusy(exchange);
                    return;
                }
                String caseId = exchange.getRequestURI().getPath().substring("/cases/".length());
                byte[] body = ("{\"caseId\":\"" + caseId + "\",\"caseType\":\"BLUE_CARD\",\"officeId\":\"abh-berlin\","
                        + "\"status\":\"OPEN\",\"openedAt\":\"2026-11-26T10:00:00Z\",\"applicant\":null,\""
                        + NEW_PROPERTY + "\":\"anything\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.createContext("/statistics", exchange -> {
                statisticsReads.incrementAndGet();
                lettersBusy(exchange);
            });
            server.createContext("/cases", exchange -> {
                exchange.getRequestBody().readAllBytes();
                openings.incrementAndGet();
                if (exchange.getRequestHeaders().getFirst("Idempotency-Key").startsWith(DIES)) {
                    // As a killed case-service: the JDK's server closes the connection without an answer.
                    throw new IllegalStateException("killed");
                }
                boolean first = openedKeys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
                byte[] body = ("{\"caseId\":\"" + UUID.nameUUIDFromBytes(exchange.getRequestHeaders()
                        .getFirst("Idempotency-Key").getBytes(StandardCharsets.UTF_8)) + "\",\"caseType\":"
                        + "\"BLUE_CARD\",\"officeId\":\"abh-berlin\",\"status\":\"OPEN\",\"openedAt\":"
                        + "\"2026-11-26T10:00:00Z\",\"applicant\":null}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(first ? 502 : 200, first ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    if (!first) {
                        out.write(body);
                    }
                }
            });
            server.start();
        }
        return server.getAddress().getPort();
    }

    /** As case-service answers when no letter renderer frees up in time (RenderPermits). */
    private static void lettersBusy(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] body = ("{\"type\":\"" + LETTERS_BUSY + "\",\"title\":\"Service Unavailable\",\"status\":503,"
                + "\"detail\":\"Too many decision letters are being written right now.\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
        exchange.getResponseHeaders().add("Retry-After", "1");
        exchange.sendResponseHeaders(503, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
