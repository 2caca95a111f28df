package de.fallnetz.gateway.ui;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

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
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;

/** The bell in front of a stand-in notification-service that records what the gateway asked, and as whom. */
@QuarkusTest
@TestProfile(NotificationBellResourceTest.NotificationServiceStub.class)
@WithTestResource(value = FallnetzStackResource.class, initArgs = @ResourceArg(name = "service", value = "gateway"))
class NotificationBellResourceTest {

    @Test
    @TestSecurity(user = "anna.schmidt", roles = "clerk", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldShowTheUnreadNotificationsOfTheSignedInClerksOffice() {
        given().when().get("/ui/notifications")
                .then().statusCode(OK.getStatusCode())
                .body(allOf(containsString("Benachrichtigungen (2)"),
                        containsString("Neue Antwort von ba-zav (BA_CONSENT): GRANTED"),
                        containsString("Verfahren von abh-muenchen übernommen")));

        assertThat(NotificationServiceStub.lastQuery)
                .isEqualTo("officeId=abh-berlin&clerk=anna.schmidt&unread=true&limit=10");
        assertThat(NotificationServiceStub.lastAuthorization).startsWith("Bearer ey");
    }

    @Test
    @TestSecurity(user = "anna.schmidt", roles = "clerk", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldRelayTheOfficesLiveNotificationsAsEventsForTheBellAndTheCasePage() {
        String body = given().when().get("/ui/events")
                .then().statusCode(OK.getStatusCode())
                .contentType(containsString("text/event-stream"))
                .extract().asString();

        assertThat(body.replace(": ", ":")).contains("event:notification\ndata:PARTNER_ANSWERED")
                .contains("event:case-" + NotificationServiceStub.CASE_ID + "\ndata:PARTNER_ANSWERED")
                .doesNotContain("Neue Antwort");
        assertThat(NotificationServiceStub.lastStreamQuery).isEqualTo("officeId=abh-berlin");
        assertThat(NotificationServiceStub.lastStreamAuthorization).startsWith("Bearer ey");
    }

    @Test
    @TestSecurity(user = "anna.schmidt", roles = "clerk", attributes = @SecurityAttribute(key = "office_id",
            value = "abh-berlin"))
    void shouldAnnounceTheNewestNotificationWhenTheLiveEventAsksForIt() {
        given().queryParam("announce", true).when().get("/ui/notifications")
                .then().statusCode(OK.getStatusCode())
                .body(allOf(containsString("id=\"bell-announcer\" hx-swap-oob=\"innerHTML\""),
                        containsString("Neue Benachrichtigung: Neue Antwort von ba-zav")));
    }

    public static class NotificationServiceStub implements QuarkusTestProfile {

        static final String CASE_ID = "0b7c6a52-6a3e-4a43-9d55-2f1c7c1f0c11";
        static volatile String lastStreamQuery;
        static volatile String lastStreamAuthorization;

        static volatile String lastQuery;
        static volatile String lastAuthorization;
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
                server.createContext("/api/clerk-notifications", exchange -> {
                    lastQuery = exchange.getRequestURI().getQuery();
                    lastAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
                    byte[] body = """
                            {"unread":2,"items":[
                             {"id":"1","seq":2,"officeId":"abh-berlin","caseId":"c1","kind":"PARTNER_ANSWERED",
                              "text":"Neue Antwort von ba-zav (BA_CONSENT): GRANTED","read":false},
                             {"id":"2","seq":1,"officeId":"abh-berlin","caseId":"c2","kind":"CASE_TRANSFERRED_IN",
                              "text":"Verfahren von abh-muenchen übernommen","read":false}]}"""
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
                // One notification, then the stream ends (the gateway's stream ends with it).
                server.createContext("/api/clerk-notifications/stream", exchange -> {
                    lastStreamQuery = exchange.getRequestURI().getQuery();
                    lastStreamAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
                    byte[] body = ("data: {\"id\":\"3\",\"officeId\":\"abh-berlin\",\"caseId\":\"" + CASE_ID
                            + "\",\"kind\":\"PARTNER_ANSWERED\",\"text\":\"Neue Antwort von ba-zav\"}\n\n")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
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
}
