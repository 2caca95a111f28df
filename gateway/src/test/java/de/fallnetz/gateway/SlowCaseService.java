package de.fallnetz.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The gateway in front of a stand-in for a case service that holds every case opening until {@link #release()}, with
 * room for {@value #MAX_CONCURRENT} openings under way and {@value #MAX_WAITING} waiting.
 */
public class SlowCaseService implements QuarkusTestProfile {

    static final int MAX_CONCURRENT = 2;
    static final int MAX_WAITING = 1;

    private static HttpServer server;
    private static volatile CountDownLatch released = new CountDownLatch(1);
    /** Openings the stand-in is holding right now. */
    static final AtomicInteger held = new AtomicInteger();
    /** Whom each opening's internal token named ({@code preferred_username}), by its Idempotency-Key. */
    static final Map<String, String> callerByKey = new ConcurrentHashMap<>();
    /** How often an opening reached the stand-in, by its Idempotency-Key. */
    static final Map<String, AtomicInteger> attemptsByKey = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.rest-client.case-service.url", "http://127.0.0.1:" + start(),
                "fallnetz.gateway.case-opening.max-concurrent", String.valueOf(MAX_CONCURRENT),
                "fallnetz.gateway.case-opening.max-waiting", String.valueOf(MAX_WAITING),
                "fallnetz.gateway.case-opening.retry-after", "3s",
                // Longer than the stand-in ever holds an opening: a held opening must not time out.
                "quarkus.rest-client.case-service.read-timeout", "9000");
    }

    static void hold() {
        released = new CountDownLatch(1);
    }

    static void release() {
        released.countDown();
    }

    private static synchronized int start() {
        if (server == null) {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // One thread per request: the stand-in must hold several openings at once.
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/cases", exchange -> {
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                callerByKey.put(key, tokenUser(authorization));
                attemptsByKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                held.incrementAndGet();
                try {
                    // Bounded, so that a failing test cannot hang the gateway's shutdown.
                    released.await(8, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    held.decrementAndGet();
                }
                byte[] body = ("{\"caseId\":\"" + UUID.randomUUID() + "\",\"caseType\":\"BLUE_CARD\",\"officeId\":"
                        + "\"abh-berlin\",\"status\":\"OPEN\",\"openedAt\":\"2026-11-26T10:00:00Z\",\"applicant\":null}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(201, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
        }
        return server.getAddress().getPort();
    }

    private static String tokenUser(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return "(no token)";
        }
        return ForwardedTokens.claims(authorization).path("preferred_username").asText("(none)");
    }
}
