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
 * The gateway in front of a stand-in for notification-service's operator endpoint: one known subscription, one whose
 * call is cut off (as when the service goes down mid-call), and 404 problems for every other.
 */
public class NotificationServiceWithSubscriptionsStub implements QuarkusTestProfile {

    static final String KNOWN = "0b6f5c1e-3a57-4c1b-9a4e-2f0d8c7b6a51";
    static final String CUT_OFF = "7d3c2b1a-0f9e-4d8c-b7a6-5e4d3c2b1a09";

    /** What the stand-in got: method, path and Authorization, per call. */
    static final List<String[]> CALLS = new CopyOnWriteArrayList<>();

    private static HttpServer server;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.rest-client.notification-service.url", "http://127.0.0.1:" + start());
    }

    private static synchronized int start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/operator/webhook-subscriptions", exchange -> {
                String path = exchange.getRequestURI().getPath();
                String method = exchange.getRequestMethod();
                CALLS.add(new String[] { method, path, exchange.getRequestHeaders().getFirst("Authorization") });
                if (path.equals("/operator/webhook-subscriptions/" + CUT_OFF + "/private-network")) {
                    exchange.close();
                } else if (path.equals("/operator/webhook-subscriptions/" + KNOWN + "/private-network")) {
                    answer(exchange, 200, "application/json", "{\"id\":\"" + KNOWN + "\",\"status\":\"ACTIVE\","
                            + "\"privateNetworkAllowed\":" + method.equals("PUT") + "}");
                } else {
                    answer(exchange, 404, "application/problem+json",
                            "{\"type\":\"urn:fallnetz:problem:not-found\",\"title\":\"Not Found\",\"status\":404,"
                                    + "\"detail\":\"Subscription not found\"}");
                }
            });
            server.start();
        }
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String type, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
