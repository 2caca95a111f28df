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
 * The gateway's partner front door in front of a stand-in for ba-consent's partner API, with a small rate limit (five
 * calls at once per client, then one a minute) so that a test can exhaust it.
 */
public class PartnerServiceStub implements QuarkusTestProfile {

    private static HttpServer server;
    /** What the stand-in got last: method, path with query, Authorization, If-Match and Idempotency-Key. */
    static volatile String lastMethod;
    static volatile String lastUri;
    static volatile String lastAuthorization;
    static volatile String lastIfMatch;
    static volatile String lastIdempotencyKey;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("fallnetz.gateway.partner.routes", "ba-consent=http://127.0.0.1:" + start(),
                "fallnetz.gateway.partner.burst", "5", "fallnetz.gateway.partner.per-second", "0.0167");
    }

    private static synchronized int start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/partner/v1/requests", exchange -> {
                lastMethod = exchange.getRequestMethod();
                lastUri = exchange.getRequestURI().toString();
                lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
                lastIfMatch = exchange.getRequestHeaders().getFirst("If-Match");
                lastIdempotencyKey = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                exchange.getRequestBody().readAllBytes();
                byte[] body = "{\"items\":[],\"next\":null}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.getResponseHeaders().add("ETag", "\"7\"");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }
        return server.getAddress().getPort();
    }
}
