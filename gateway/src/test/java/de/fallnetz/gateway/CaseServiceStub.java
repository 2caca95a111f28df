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
 * The gateway in front of a stand-in for a newer case-service, whose case answers carry a property the gateway's
 * contract does not know yet ({@value #NEW_PROPERTY}).
 */
public class CaseServiceStub implements QuarkusTestProfile {

    static final String NEW_PROPERTY = "addedByANewerCaseService";

    private static HttpServer server;
    /** The Authorization header of the last call the stand-in got: the gateway's internal token. */
    static volatile String lastAuthorization;

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
            server.start();
        }
        return server.getAddress().getPort();
    }
}
