package de.fallnetz.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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

/**
 * Deadline reminders for requested documents (due 14 days after the request, reminded 3 working days before): time
 * is moved with the service's clock, not waited for.
 */
@QuarkusTest
@WithTestResource(value = FallnetzStackResource.class,
        initArgs = @ResourceArg(name = "service", value = "notification-service"))
class DocumentsReminderTest {

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
    void shouldRemindOnceBeforeTheDueDateOnlyWhileTheDocumentsAreStillMissing() throws Exception {
        String waiting = requestDocuments();
        String arrived = requestDocuments();
        String withdrawn = requestDocuments();
        send(EventType.CASE_STATUS_CHANGED, arrived,
                Map.of("status", "COMPLETENESS_CHECK", "previousStatus", "DOCUMENTS_REQUESTED"));
        send(EventType.CASE_STATUS_CHANGED, withdrawn,
                Map.of("status", "WITHDRAWN", "previousStatus", "DOCUMENTS_REQUESTED"));
        await().atMost(Duration.ofSeconds(60)).until(() -> "COMPLETENESS_CHECK".equals(caseStatus(arrived))
                && Mailbox.of(address(withdrawn)).size() == 3);

        // A week later nothing is due yet.
        clock.advance(Duration.ofDays(7));
        reminders.remindDue();
        assertThat(reminderStatus(waiting)).isEqualTo("PENDING");

        // Twelve days after the request the deadline is less than three working days away.
        clock.advance(Duration.ofDays(5));
        reminders.remindDue();
        reminders.remindDue();
        assertThat(reminderStatus(waiting)).isEqualTo("SENT");
        assertThat(reminderStatus(arrived)).isEqualTo("SKIPPED");
        assertThat(reminderStatus(withdrawn)).isEqualTo("SKIPPED");
        await().atMost(Duration.ofSeconds(30)).until(() -> Mailbox.of(address(waiting)).size() == 3);
        assertThat(Mailbox.of(address(waiting)).get(2).subject())
                .isEqualTo("Reminder: a deadline is ending / Erinnerung: Frist läuft ab");
        assertThat(Mailbox.of(address(waiting)).get(2).text()).contains("Arbeitsvertrag");
        assertThat(count("select count(*) from delivery where case_id = ? and event_id like 'reminder:%'", waiting))
                .isEqualTo(1);
        assertThat(count("select count(*) from delivery where case_id in (?, ?) and event_id like 'reminder:%'",
                arrived, withdrawn)).isZero();
        assertThat(Mailbox.of(address(arrived))).hasSize(2);
    }

    /** Opens a case with an English-speaking applicant and asks for documents now (by the service's clock). */
    private String requestDocuments() {
        String caseId = UUID.randomUUID().toString();
        send(EventType.CASE_OPENED, caseId, Map.of("applicantLanguage", "en", "applicantEmail", address(caseId)));
        send(EventType.CASE_DOCUMENTS_REQUESTED, caseId, Map.of("requestedAt", clock.instant().toString()));
        await().atMost(Duration.ofSeconds(60)).until(() -> Mailbox.of(address(caseId)).size() == 2);
        return caseId;
    }

    private static String address(String caseId) {
        return "reminder-" + caseId + "@example.org";
    }

    private static void send(EventType type, String caseId, Map<String, String> fields) {
        kafka.sendCloudEvent(type.topic(), UUID.randomUUID().toString(), type.type(), "/fallnetz/case-service",
                caseId, EventSamples.json(type, caseId, fields));
    }

    private String reminderStatus(String caseId) throws SQLException {
        return one("select status from documents_reminder where case_id = ?", caseId);
    }

    private String caseStatus(String caseId) throws SQLException {
        return one("select status from case_contact where case_id = ?", caseId);
    }

    private long count(String sql, String... caseIds) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < caseIds.length; i++) {
                ps.setString(i + 1, caseIds[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
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
