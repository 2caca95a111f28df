package de.fallnetz.gateway;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.NOT_FOUND;
import static jakarta.ws.rs.core.Response.Status.OK;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import de.fallnetz.devstack.FallnetzStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The applicants' status page in front of a stand-in notification-service that knows one token. */
@QuarkusTest
@TestProfile(StatusPageResourceTest.NotificationServiceStub.class)
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
class StatusPageResourceTest {

    static final String KNOWN = "abc.1893456000.sig";

    @Test
    void shouldShowTheStageRightToLeftInTheApplicantsLanguage() {
        given().when().get("/status/" + KNOWN)
                .then().statusCode(OK.getStatusCode())
                .contentType(containsString("text/html"))
                .header("Cache-Control", "no-store")
                .body(allOf(containsString("<html lang=\"ar\" dir=\"rtl\">"), containsString("حالة طلبك"),
                        containsString("مستندات ناقصة"), containsString("<li lang=\"de\">Reisepass</li>"),
                        containsString("يرجى تقديم المستندات الناقصة.")));
    }

    @Test
    void shouldShowTheSameNotFoundPageForAnyOtherToken() {
        for (String token : new String[] { "abc.1893456000.sih", "guess", "x".repeat(300) }) {
            given().when().get("/status/" + token)
                    .then().statusCode(NOT_FOUND.getStatusCode())
                    .body(allOf(containsString("Diese Seite gibt es nicht."), not(containsString("abh-berlin"))));
        }
    }

    public static class NotificationServiceStub implements QuarkusTestProfile {

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
                server.createContext("/api/status/", exchange -> {
                    String token = exchange.getRequestURI().getPath().substring("/api/status/".length());
                    boolean known = token.equals(KNOWN);
                    byte[] body = (known ? """
                            {"caseId":"6f1c2a0e-7d4b-4c55-9a8e-2f0c1d9b3e71","caseType":"BLUE_CARD",
                             "officeId":"abh-berlin","status":"DOCUMENTS_REQUESTED","stage":"مستندات ناقصة",
                             "missingDocuments":["Reisepass"],"nextStep":"يرجى تقديم المستندات الناقصة.",
                             "language":"ar","direction":"rtl","labels":{"title":"حالة طلبك","stage":"المرحلة",
                             "missing":"المستندات الناقصة","next":"الخطوة التالية","case-number":"رقم الملف",
                             "office":"دائرة الأجانب"}}"""
                            : """
                                    {"type":"urn:fallnetz:problem:not-found","title":"Not Found","status":404}""")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type",
                            known ? "application/json" : "application/problem+json");
                    exchange.sendResponseHeaders(known ? 200 : 404, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
                server.start();
            }
            return server.getAddress().getPort();
        }
    }
}
