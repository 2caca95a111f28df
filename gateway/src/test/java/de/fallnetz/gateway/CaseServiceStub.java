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
 * starting with {@value #DIES} finds it dying: the connection closes without an answer.
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
}
