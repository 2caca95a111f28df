package de.fallnetz.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The gateway in front of a stand-in for notification-service's partner subscriptions API: it answers 201 to a POST
 * of the list, 200 with a JSON echo otherwise, and cuts the connection (as a service going down mid-call) for the
 * subscription {@link #CUT_OFF}.
 */
public class NotificationServiceStub implements QuarkusTestProfile {

    static final String CUT_OFF = "7d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09";

    private static HttpServer server;
    /** What the stand-in got last: method, path with query, Authorization, Idempotency-Key and body. */
    static volatile String lastMethod;
    static volatile String lastUri;
    static volatile String lastAuthorization;
    static volatile String lastIdempotencyKey;
    static volatile String lastBody;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.rest-client.notification-service.url", "http://127.0.0.1:" + start());
    }

    static void forget() {
        lastMethod = null;
        lastUri = null;
        lastAuthorization = null;
        lastIdempotencyKey = null;
        lastBody = null;
    }

    private static synchronized int start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/partner/v1/subscriptions", exchange -> {
                if (exchange.getRequestURI().getPath().contains(CUT_OFF)) {
                    exchange.close();
                    return;
                }
                lastMethod = exchange.getRequestMethod();
                lastUri = exchange.getRequestURI().toString();
                lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
                lastIdempotencyKey = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                lastBody = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                boolean created = "POST".equals(lastMethod)
                        && exchange.getRequestURI().getPath().equals("/partner/v1/subscriptions");
                byte[] body = ("{\"path\":\"" + exchange.getRequestURI().getPath() + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(created ? 201 : 200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }
        return server.getAddress().getPort();
    }
}
