package de.fallnetz.notifications.domain;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import de.fallnetz.contracts.events.CardReadyForPickup;
import de.fallnetz.contracts.events.CaseDecided;
import de.fallnetz.contracts.events.CaseOpened;
import de.fallnetz.contracts.events.CaseStatusChanged;
import de.fallnetz.contracts.events.CaseTransferred;
import de.fallnetz.contracts.events.DocumentsRequested;
import de.fallnetz.contracts.events.NotificationRecorded;
import de.fallnetz.notifications.config.NotificationClock;
import de.fallnetz.notifications.config.NotificationConfig;
import de.fallnetz.notifications.delivery.DeliveryQueue;
import de.fallnetz.notifications.status.StatusTokens;
import de.fallnetz.platform.messaging.outbox.Outbox;
import io.agroal.api.AgroalDataSource;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;

/**
 * Decides what the applicant hears about their case: keeps what it needs of the case ({@code case_contact}), writes
 * the notification in the applicant's language with the German text beside it, and queues the e-mail in the same
 * transaction. After a withdrawal only the confirmation goes out.
 */
@ApplicationScoped
public class NotificationService {

    static final String APPLICANT = "APPLICANT";
    static final String WITHDRAWN = "WITHDRAWN";
    private static final ZoneId OFFICE_ZONE = ZoneId.of("Europe/Berlin");

    /** One statement on the consumer's hot path instead of a persist (see bench/README.md). */
    private static final String RECORD = """
            insert into notification (id, case_id, recipient_role, template, requested_language, language, subject,
                body, status, recorded_at)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** What notification-service keeps of a case. */
    public record CaseContact(String caseId, String caseType, String officeId, String language, String email,
            String status, List<String> missingItems, boolean withdrawn) {
    }

    private final ApplicantTexts texts;
    private final AgroalDataSource dataSource;
    private final Outbox outbox;
    private final DeliveryQueue queue;
    private final StatusTokens tokens;
    private final NotificationConfig config;
    private final NotificationClock clock;
    private final Template html;
    private final Template text;

    public NotificationService(ApplicantTexts texts, AgroalDataSource dataSource, Outbox outbox, DeliveryQueue queue,
            StatusTokens tokens, NotificationConfig config, NotificationClock clock, @Location("mail/applicant.html") Template html,
            @Location("mail/applicant.txt") Template text) {
        this.texts = texts;
        this.dataSource = dataSource;
        this.outbox = outbox;
        this.queue = queue;
        this.tokens = tokens;
        this.config = config;
        this.clock = clock;
        this.html = html;
        this.text = text;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void caseOpened(String eventId, CaseOpened opened) {
        Instant now = now();
        update("""
                insert into case_contact (case_id, case_type, office_id, language, email, status, updated_at)
                values (?, ?, ?, ?, ?, 'RECEIVED', ?) on conflict (case_id) do nothing""",
                opened.caseId(), opened.caseType(), opened.officeId(), opened.applicantLanguage(),
                opened.applicantEmail() == null || opened.applicantEmail().isBlank() ? null : opened.applicantEmail(),
                Timestamp.from(now));
        notifyApplicant(eventId, opened.caseId(), "case-receipt", Map.of("date", opened.openedAt()), List.of(), now);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void documentsRequested(String eventId, DocumentsRequested requested) {
        Instant now = now();
        List<String> items = requested.items() == null ? List.of()
                : requested.items().stream().map(DocumentsRequested.Item::title).toList();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                update case_contact set status = 'DOCUMENTS_REQUESTED', missing_items = ?, updated_at = ?
                where case_id = ?""")) {
            ps.setArray(1, c.createArrayOf("text", items.toArray()));
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setString(3, requested.caseId());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Instant due = dueAt(requested);
        notifyApplicant(eventId, requested.caseId(), "documents-requested", Map.of("count", items.size(), "due", due),
                items, now);
        planReminder(eventId, requested.caseId(), due);
    }

    /** The request's due date; an event from before {@code dueAt} existed: its request time plus the configured days. */
    Instant dueAt(DocumentsRequested requested) {
        if (requested.dueAt() != null) {
            return requested.dueAt();
        }
        Instant requestedAt = requested.requestedAt() == null ? clock.instant() : requested.requestedAt();
        return requestedAt.plus(config.reminders().documentsDueAfter());
    }

    /**
     * The latest request's reminder replaces an earlier one of the case, sent or not. A request whose due date has
     * passed already (an old event arriving late) gets none.
     */
    private void planReminder(String eventId, String caseId, Instant due) {
        Instant remindAt = minusWorkingDays(due, config.reminders().workingDaysBefore());
        String status = due.isAfter(clock.instant()) ? "PENDING" : "SKIPPED";
        update("""
                insert into documents_reminder (case_id, request_event_id, due_at, remind_at, status)
                values (?, ?, ?, ?, ?)
                on conflict (case_id) do update set request_event_id = excluded.request_event_id,
                    due_at = excluded.due_at, remind_at = excluded.remind_at, status = excluded.status,
                    done_at = null""",
                caseId, eventId, Timestamp.from(due), Timestamp.from(remindAt), status);
    }

    /** {@code days} working days (Monday to Friday, office time) before {@code at}. */
    static Instant minusWorkingDays(Instant at, int days) {
        ZonedDateTime t = at.atZone(OFFICE_ZONE);
        int taken = 0;
        while (taken < days) {
            t = t.minusDays(1);
            if (t.getDayOfWeek() != DayOfWeek.SATURDAY && t.getDayOfWeek() != DayOfWeek.SUNDAY) {
                taken++;
            }
        }
        return t.toInstant();
    }

    /**
     * Reminds the applicant that requested documents are due, if they still are: the case still waits for
     * documents and was neither withdrawn nor decided. The mail's event id is derived from the request's, so it is
     * queued once however often this runs. Returns whether a reminder was written.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean remindOfDocuments(String requestEventId, String caseId, Instant due, Instant now) {
        Optional<CaseContact> contact = contact(caseId);
        if (contact.isEmpty() || contact.get().withdrawn() || !due.isAfter(now)
                || !"DOCUMENTS_REQUESTED".equals(contact.get().status())) {
            return false;
        }
        LocalDate today = now.atZone(OFFICE_ZONE).toLocalDate();
        LocalDate dueDay = due.atZone(OFFICE_ZONE).toLocalDate();
        long days = Math.max(1, ChronoUnit.DAYS.between(today, dueDay));
        // Queued at the wall-clock time the delivery worker goes by; only the planning follows the (movable) clock.
        notifyApplicant("reminder:" + requestEventId, caseId, "deadline-reminder",
                Map.of("days", days, "date", due), contact.get().missingItems(), now());
        return true;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void statusChanged(String eventId, CaseStatusChanged changed) {
        Instant now = now();
        boolean withdrawn = WITHDRAWN.equals(changed.status());
        // Missing documents belong to the documents stage; later stages show none.
        update("""
                update case_contact set status = ?, withdrawn = withdrawn or ?, updated_at = ?,
                    missing_items = case when ? = 'DOCUMENTS_REQUESTED' then missing_items else '{}' end
                where case_id = ?""", changed.status(), withdrawn, Timestamp.from(now), changed.status(),
                changed.caseId());
        if (withdrawn) {
            queue.cancelPending(changed.caseId(), DeliveryQueue.EMAIL, "case withdrawn");
            notifyApplicant(eventId, changed.caseId(), "withdrawn", Map.of(), List.of(), now);
        } else if ("READY_FOR_DECISION".equals(changed.status())) {
            notifyApplicant(eventId, changed.caseId(), "ready-for-decision", Map.of(), List.of(), now);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void decided(String eventId, CaseDecided decided) {
        Instant now = now();
        update("update case_contact set status = 'DECIDED', missing_items = '{}', updated_at = ? where case_id = ?",
                Timestamp.from(now), decided.caseId());
        String template = "REFUSED".equals(decided.outcome()) ? "decided-refused" : "decided-granted";
        notifyApplicant(eventId, decided.caseId(), template, Map.of("date", decided.decidedAt()), List.of(), now);
    }

    /**
     * The residence permit card can be collected: the status page's stage becomes {@code CARD_READY} and the applicant
     * is told, with the office's pick-up hint (in German, as the clerk wrote it) listed under the text.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void cardReady(String eventId, CardReadyForPickup ready) {
        Instant now = now();
        update("update case_contact set status = 'CARD_READY', missing_items = '{}', updated_at = ? where case_id = ?",
                Timestamp.from(now), ready.caseId());
        List<String> hint = ready.pickupNote() == null || ready.pickupNote().isBlank() ? List.of()
                : List.of(ready.pickupNote());
        notifyApplicant(eventId, ready.caseId(), "card-ready", Map.of("date", ready.readyAt()), hint, now);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void transferred(String eventId, CaseTransferred transferred) {
        Instant now = now();
        update("update case_contact set office_id = ?, updated_at = ? where case_id = ?", transferred.toOfficeId(),
                Timestamp.from(now), transferred.caseId());
        notifyApplicant(eventId, transferred.caseId(), "transferred", Map.of(), List.of(), now);
    }

    /** A partner finished its part (answer or deemed consent): the applicant hears that the case moves. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void partnerStepDone(String eventId, String caseId) {
        notifyApplicant(eventId, caseId, "partner-step", Map.of(), List.of(), now());
    }

    /**
     * Writes the notification and queues its e-mail, unless the case is unknown here, was withdrawn (only the
     * confirmation passes) or the applicant gave no address (then the notification is recorded, not sent).
     */
    private void notifyApplicant(String eventId, String caseId, String template, Map<String, Object> extra,
            List<String> items, Instant now) {
        Optional<CaseContact> found = contact(caseId);
        if (found.isEmpty()) {
            return;
        }
        CaseContact contact = found.get();
        if (contact.withdrawn() && !"withdrawn".equals(template)) {
            return;
        }
        Map<String, Object> args = new HashMap<>(extra);
        args.put("caseId", caseId);
        args.put("caseType", contact.caseType());
        args.put("officeId", contact.officeId());
        args.putIfAbsent("date", now);
        ApplicantTexts.Message message = texts.render(contact.language(), template, args, items);
        String statusUrl = "withdrawn".equals(template) ? null
                : config.statusPageUrl() + tokens.forCase(caseId, now);
        UUID id = UUID.randomUUID();
        String status = contact.email() == null ? "RECORDED" : "QUEUED";
        update(RECORD, id, caseId, APPLICANT, template, contact.language(), message.language(),
                message.main().subject(), message.main().body(), status, Timestamp.from(now));
        outbox.publish(new NotificationRecorded(id.toString(), caseId, APPLICANT, template, message.language(), now),
                now);
        if (contact.email() != null) {
            String subject = message.binding() == null ? message.main().subject()
                    : message.main().subject() + " / " + message.binding().subject();
            queue.enqueue(new DeliveryQueue.Outgoing(eventId, DeliveryQueue.EMAIL, contact.email(), caseId, id, null,
                    template, subject,
                    text.data("m", message).data("statusUrl", statusUrl).render(),
                    html.data("m", message).data("statusUrl", statusUrl).render()), now);
        }
    }

    public Optional<CaseContact> contact(String caseId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                select case_type, office_id, language, email, status, missing_items, withdrawn
                from case_contact where case_id = ?""")) {
            ps.setString(1, caseId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Array missing = rs.getArray(6);
                return Optional.of(new CaseContact(caseId, rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), Arrays.asList((String[]) missing.getArray()),
                        rs.getBoolean(7)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read case " + caseId, e);
        }
    }

    public List<NotificationEntity> ofCase(String caseId) {
        return NotificationEntity.ofCase(caseId);
    }

    private void update(String sql, Object... params) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
