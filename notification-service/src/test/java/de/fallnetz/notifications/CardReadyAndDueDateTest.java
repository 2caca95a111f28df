package de.fallnetz.notifications;

import static io.restassured.RestAssured.given;
import static jakarta.ws.rs.core.Response.Status.OK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.ibm.icu.text.DateFormat;
import com.ibm.icu.util.TimeZone;
import com.ibm.icu.util.ULocale;

import de.fallnetz.contracts.events.EventType;
import de.fallnetz.devstack.EventSamples;
import de.fallnetz.devstack.FallnetzStackResource;
import de.fallnetz.devstack.KafkaTestClient;
import de.fallnetz.notifications.config.NotificationClock;
import de.fallnetz.notifications.reminders.DocumentsReminders;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The card-ready mail and stage, and a documents request's own due date in the mail and the reminder. */
@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "notification-service"))
class CardReadyAndDueDateTest {

    private static final Pattern STATUS_LINK = Pattern.compile("/status/([A-Za-z0-9_\\-]+\\.[0-9]+\\.[A-Za-z0-9_\\-]+)");

    private static KafkaTestClient kafka;

    @Inject
    NotificationClock clock;

    @Inject
    DocumentsReminders reminders;

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void connect() {
        kafka = KafkaTestClient.onSharedStack();
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void shouldMailThatTheCardIsReadyInArabicRightToLeftWithTheGermanTextAndShowTheStage() {
        String caseId = UUID.randomUUID().toString();
        String address = "card-ar-" + caseId + "@example.org";
        send(EventType.CASE_OPENED, caseId, Map.of("applicantLanguage", "ar", "applicantEmail", address));
        send(EventType.CASE_DECIDED, caseId, Map.of());
        send(EventType.CASE_CARD_READY_FOR_PICKUP, caseId, Map.of("pickupNote", "Raum 104, Mo–Fr 8–12 Uhr"));

        Mailbox.Mail mail = awaitMails(address, 3).get(2);
        assertThat(mail.subject()).isEqualTo("بطاقة إقامتك جاهزة للاستلام / Ihr Aufenthaltstitel liegt zur Abholung bereit");
        assertThat(mail.html()).contains("<html lang=\"ar\" dir=\"rtl\">")
                .contains("بطاقة إقامتك جاهزة للاستلام لدى دائرة الأجانب abh-berlin")
                .contains("<section lang=\"de\" dir=\"ltr\">")
                .contains("Ihr Aufenthaltstitel liegt bei der Ausländerbehörde abh-berlin zur Abholung bereit.")
                .contains("<li>Raum 104, Mo–Fr 8–12 Uhr</li>");
        assertThat(mail.text()).contains("Ihr Aufenthaltstitel liegt zur Abholung bereit");

        given().when().get("/api/status/" + statusToken(mail.text()))
                .then().statusCode(OK.getStatusCode())
                .body("status", equalTo("CARD_READY"))
                .body("stage", equalTo("البطاقة جاهزة للاستلام"))
                .body("direction", equalTo("rtl"))
                .body("missingDocuments", empty());
    }

    @Test
    void shouldNameTheRequestsOwnDueDateAndRemindByItNotByTheDefault() throws Exception {
        String caseId = UUID.randomUUID().toString();
        String address = "due-" + caseId + "@example.org";
        Instant requested = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant due = requested.plus(Duration.ofDays(30));
        send(EventType.CASE_OPENED, caseId, Map.of("applicantLanguage", "en", "applicantEmail", address));
        send(EventType.CASE_DOCUMENTS_REQUESTED, caseId,
                Map.of("requestedAt", requested.toString(), "dueAt", due.toString()));

        Mailbox.Mail mail = awaitMails(address, 2).get(1);
        assertThat(mail.text()).contains("in at the immigration office abh-berlin by " + longDate("en", due))
                .contains("bis zum " + longDate("de", due) + " bei der Ausländerbehörde abh-berlin");
        assertThat(one("select cast(extract(epoch from due_at) as bigint) from documents_reminder where case_id = ?",
                caseId)).isEqualTo(String.valueOf(due.getEpochSecond()));

        // Where the 14 days of the default would have reminded already, this request is not yet near its date.
        clock.advance(Duration.ofDays(12));
        reminders.remindDue();
        assertThat(one("select status from documents_reminder where case_id = ?", caseId)).isEqualTo("PENDING");

        clock.advance(Duration.ofDays(16));
        reminders.remindDue();
        assertThat(one("select status from documents_reminder where case_id = ?", caseId)).isEqualTo("SENT");
        assertThat(awaitMails(address, 3).get(2).text()).contains(", on " + longDate("en", due) + ".");
    }

    private static String longDate(String language, Instant at) {
        DateFormat format = DateFormat.getDateInstance(DateFormat.LONG, new ULocale(language));
        format.setTimeZone(TimeZone.getTimeZone("Europe/Berlin"));
        return format.format(Date.from(at));
    }

    private static List<Mailbox.Mail> awaitMails(String address, int count) {
        await().atMost(Duration.ofSeconds(90)).until(() -> Mailbox.of(address).size() >= count);
        return Mailbox.of(address);
    }

    private static String statusToken(String text) {
        Matcher m = STATUS_LINK.matcher(text);
        assertThat(m.find()).as("status link in %s", text).isTrue();
        return m.group(1);
    }

    private static void send(EventType type, String caseId, Map<String, String> fields) {
        kafka.sendCloudEvent(type.topic(), UUID.randomUUID().toString(), type.type(), "/fallnetz/case-service",
                caseId, EventSamples.json(type, caseId, fields));
    }

    private String one(String sql, String caseId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
