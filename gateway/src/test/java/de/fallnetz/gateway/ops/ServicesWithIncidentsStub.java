package de.fallnetz.gateway.ops;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The gateway's incident view in front of a stand-in for case-service's operator endpoint (one parked event, one
 * parked outbox row, some lag) and a notification-service that does not answer.
 */
public class ServicesWithIncidentsStub implements QuarkusTestProfile {

    static final String INCIDENTS = """
            {"service":"case-service",
             "parkedEvents":[{"id":7,"consumer":"case-service","topic":"partner.events","eventId":"e-7",
               "type":"de.fallnetz.partner.request-answered","source":"/fallnetz/ba-consent","caseId":"C-42",
               "error":"lacks the required field outcome","attempts":2,"firstParkedAt":"2026-11-26T10:00:00Z",
               "parkedAt":"2026-11-26T10:05:00Z","status":"parked"}],
             "stuckOutbox":[{"id":3,"eventId":"o-3","type":"de.fallnetz.case.opened","topic":"case.events",
               "caseId":"C-43","attempts":5,"lastError":"RecordTooLargeException","ageSeconds":600,"parked":true}],
             "consumerLag":[{"channel":"partner-events","group":"case-service","topic":"partner.events","lag":4}],
             "someFieldOfANewerService":true}""";

    /** What the stand-in got: method, path and Authorization, and body, per call. */
    static final List<String[]> CALLS = new CopyOnWriteArrayList<>();

    private static HttpServer server;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("fallnetz.gateway.ops.services", "case-service=http://127.0.0.1:" + start()
                + ",notification-service=http://127.0.0.1:1", "fallnetz.gateway.ops.timeout", "2s");
    }

    private static synchronized int start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/ops/v1", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String path = exchange.getRequestURI().getPath();
                CALLS.add(new String[] { exchange.getRequestMethod(), path,
                        exchange.getRequestHeaders().getFirst("Authorization"), body });
                if (path.endsWith("/incidents")) {
                    answer(exchange, 200, INCIDENTS);
                } else if (path.endsWith("/7/retry")) {
                    answer(exchange, 200, "{\"id\":7,\"caseId\":\"C-42\",\"status\":\"retried\"}");
                } else if (path.endsWith("/parked-events/retry")) {
                    answer(exchange, 200, "[{\"id\":7,\"status\":200}]");
                } else if (path.endsWith("/7/discard")) {
                    answer(exchange, 200, "{\"id\":7,\"status\":\"discarded\"}");
                } else {
                    answer(exchange, 404, "{\"status\":404,\"title\":\"Not Found\"}");
                }
            });
            server.start();
        }
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
