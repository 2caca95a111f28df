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
import java.time.Duration;
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
    void shouldRelayTheOfficesLiveNotificationsAsEventsForTheBellAndTheCasePageAcrossQuietSpells() {
        String body = given().when().get("/ui/events")
                .then().statusCode(OK.getStatusCode())
                .contentType(containsString("text/event-stream"))
                .extract().asString();

        String events = body.replace(": ", ":");
        assertThat(events).contains("event:notification\ndata:PARTNER_ANSWERED")
                .contains(":heartbeat")
                .doesNotContain("Neue Antwort").doesNotContain("unavailable");
        // A partner's answer reaches the case page twice: case-service may apply it a moment after this stream.
        assertThat(events.split("event:case-" + NotificationServiceStub.CASE_ID + "\ndata:PARTNER_ANSWERED", -1))
                .hasSize(3);
        // A change case-service published refreshes that case's page, and is no notification for the bell.
        assertThat(events).contains("event:case-" + NotificationServiceStub.CHANGED_CASE_ID + "\ndata:case-changed");
        assertThat(events.split("event:notification", -1)).hasSize(2);
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
        static final String CHANGED_CASE_ID = "5e0d4c3b-2a19-4f8e-8d7c-6b5a4f3e2d1c";
        static volatile String lastStreamQuery;
        static volatile String lastStreamAuthorization;

        static volatile String lastQuery;
        static volatile String lastAuthorization;
        private static HttpServer server;

        @Override
        public Map<String, String> getConfigOverrides() {
            // A short read timeout and a short silence, which the stub's 3 s of heartbeats outlast.
            return Map.of("quarkus.rest-client.notification-service.url", "http://127.0.0.1:" + start(),
                    "quarkus.rest-client.notification-service.read-timeout", "1000",
                    "fallnetz.gateway.ui.events-silence", "2s", "fallnetz.gateway.ui.events-recheck", "200ms");
        }

        /** The stand-in's pace between heartbeats (a JDK HTTP server thread, not a test thread). */
        private static void pause(Duration d) {
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
                // Quiet for 3 s but for heartbeats (longer than the profile's read timeout and silence), then one
                // notification, then the stream ends (and the gateway's with it).
                server.createContext("/api/clerk-notifications/stream", exchange -> {
                    lastStreamQuery = exchange.getRequestURI().getQuery();
                    lastStreamAuthorization = exchange.getRequestHeaders().getFirst("Authorization");
                    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                    exchange.sendResponseHeaders(200, 0);
                    try (OutputStream out = exchange.getResponseBody()) {
                        for (int beat = 0; beat < 6; beat++) {
                            out.write(("event: heartbeat\ndata: " + beat + "\n\n").getBytes(StandardCharsets.UTF_8));
                            out.flush();
                            pause(Duration.ofMillis(500));
                        }
                        out.write(("event: case-changed\ndata: {\"officeId\":\"abh-berlin\",\"caseId\":\""
                                + CHANGED_CASE_ID + "\",\"type\":\"de.fallnetz.case.status-changed\"}\n\n")
                                .getBytes(StandardCharsets.UTF_8));
                        out.write(("event: notification\ndata: {\"id\":\"3\",\"officeId\":\"abh-berlin\",\"caseId\":\""
                                + CASE_ID + "\",\"kind\":\"PARTNER_ANSWERED\",\"text\":\"Neue Antwort von ba-zav\"}\n\n")
                                .getBytes(StandardCharsets.UTF_8));
                    }
                });
                server.start();
            }
            return server.getAddress().getPort();
        }
    }
}
