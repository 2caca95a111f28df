package de.fallnetz.notifications;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A partner's webhook endpoint, verifying signatures as the Standard Webhooks specification says, independently of
 * the service's own signer: HMAC-SHA256 over {@code id.timestamp.body} with the base64-decoded part of the
 * {@code whsec_} secret, any one {@code v1,} entry matching, timestamp at most 5 minutes off.
 */
final class WebhookReceiver implements AutoCloseable {

    /** A delivery the receiver accepted. */
    record Received(String webhookId, String eventId, String type, String caseId) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Integer> planned = new ConcurrentLinkedQueue<>();
    private final List<Received> accepted = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private volatile String secret;
    private volatile int otherwise = 200;

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hooks", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    void secret(String secret) {
        this.secret = secret;
    }

    /** Answers these statuses first, one per call, then {@link #otherwise(int)}. */
    void plan(Integer... statuses) {
        planned.addAll(List.of(statuses));
    }

    void otherwise(int status) {
        this.otherwise = status;
    }

    List<Received> accepted() {
        synchronized (accepted) {
            return List.copyOf(accepted);
        }
    }

    int calls() {
        return calls.get();
    }

    int badSignatures() {
        return badSignatures.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
        int status;
        if (!verify(id, timestamp, signatures, body)) {
            badSignatures.incrementAndGet();
            status = 400;
        } else {
            Integer next = planned.poll();
            status = next != null ? next : otherwise;
            if (status >= 200 && status < 300) {
                JsonNode json = MAPPER.readTree(body);
                accepted.add(new Received(id, json.path("eventId").asText(), json.path("type").asText(),
                        json.path("data").path("caseId").asText()));
            }
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private boolean verify(String id, String timestamp, String signatures, byte[] body) {
        if (id == null || timestamp == null || signatures == null || secret == null) {
            return false;
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(Instant.now().getEpochSecond() - ts) > 300) {
            return false;
        }
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = Base64.getEncoder().encode(mac.doFinal(body));
            for (String entry : signatures.split(" ")) {
                if (entry.startsWith("v1,") && MessageDigest.isEqual(expected,
                        entry.substring(3).getBytes(StandardCharsets.US_ASCII))) {
                    return true;
                }
            }
            return false;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
