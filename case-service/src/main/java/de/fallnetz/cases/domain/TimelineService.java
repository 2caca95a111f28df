package de.fallnetz.cases.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import de.fallnetz.contracts.events.CardReadyForPickup;
import de.fallnetz.contracts.events.CaseDecided;
import de.fallnetz.contracts.events.CaseOpened;
import de.fallnetz.contracts.events.CaseStatusChanged;
import de.fallnetz.contracts.events.CaseTransferred;
import de.fallnetz.contracts.events.DocumentsRequested;
import de.fallnetz.contracts.events.FallnetzEvent;
import de.fallnetz.contracts.events.InformationSupplied;
import de.fallnetz.contracts.events.InteractionAnswered;
import de.fallnetz.contracts.events.InteractionCancellationConfirmed;
import de.fallnetz.contracts.events.InteractionCancelled;
import de.fallnetz.contracts.events.InteractionClaimed;
import de.fallnetz.contracts.events.InteractionDeemedGranted;
import de.fallnetz.contracts.events.InteractionDelivered;
import de.fallnetz.contracts.events.InteractionEscalated;
import de.fallnetz.contracts.events.InteractionExpired;
import de.fallnetz.contracts.events.InteractionInformationRequested;
import de.fallnetz.contracts.events.InteractionRequested;
import de.fallnetz.contracts.events.NotificationRecorded;
import de.fallnetz.contracts.events.PartnerCaseRegistered;
import de.fallnetz.contracts.events.PowerOfAttorneyGranted;
import de.fallnetz.contracts.events.PowerOfAttorneyRevoked;
import de.fallnetz.platform.messaging.inbox.ReceivedEvent;
import de.fallnetz.platform.messaging.inbox.UnreadableEventException;
import io.agroal.api.AgroalDataSource;

/**
 * Writes the timeline: one entry per event about a case, whichever service published it. One plain insert per entry,
 * no entity: it is on the hot path of every consumed event and of every case opened (bench/README.md).
 */
@ApplicationScoped
public class TimelineService {

    private static final String INSERT = """
            insert into timeline_entry (case_id, event_id, event_type, source, occurred_at, summary)
            values (?, ?, ?, ?, ?, ?)""";

    private final AgroalDataSource dataSource;

    public TimelineService(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Records an event another service published; runs inside the inbox transaction of the consumer. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(ReceivedEvent event) {
        Instant time = event.time() != null ? event.time() : Instant.now();
        append(caseIdOf(event), event.id(), event.type().type(), event.source(), time, summary(event.data()));
    }

    public static UUID caseIdOf(ReceivedEvent event) {
        try {
            return UUID.fromString(event.subject());
        } catch (IllegalArgumentException e) {
            throw new UnreadableEventException("case ID " + event.subject() + " is not a case-service ID", e);
        }
    }

    /** One line for a person reading the timeline; no personal data. */
    static String summary(FallnetzEvent data) {
        if (data instanceof CaseOpened o) {
            return "Case opened at " + o.officeId() + " (" + o.caseType() + ")";
        } else if (data instanceof CaseStatusChanged s) {
            return "Status " + s.previousStatus() + " → " + s.status() + (s.reason() == null ? "" : ": " + s.reason());
        } else if (data instanceof DocumentsRequested d) {
            return "Documents requested from the applicant: "
                    + d.items().stream().map(DocumentsRequested.Item::id).collect(Collectors.joining(", "));
        } else if (data instanceof InteractionRequested r) {
            return r.kind() + " requested from " + r.partnerOrganisation() + " (" + deadline(r.deadline()) + ")";
        } else if (data instanceof InformationSupplied s) {
            return "Information supplied to " + s.partnerOrganisation() + " for " + s.kind();
        } else if (data instanceof InteractionCancelled c) {
            return c.kind() + " at " + c.partnerOrganisation() + " cancelled (" + c.reason() + ")";
        } else if (data instanceof CaseDecided d) {
            return "Decided: " + d.outcome() + " (" + d.legalBasis() + "), decision letter SHA-256 "
                    + d.documentSha256();
        } else if (data instanceof CardReadyForPickup r) {
            return "Residence permit card ready for pick-up at " + r.officeId();
        } else if (data instanceof CaseTransferred t) {
            return "Transferred from " + t.fromOfficeId() + " to " + t.toOfficeId() + ": " + t.reason();
        } else if (data instanceof InteractionDelivered d) {
            return d.kind() + " delivered to " + d.partnerOrganisation()
                    + (d.dueAt() == null ? ", no deadline" : ", due " + d.dueAt());
        } else if (data instanceof InteractionClaimed c) {
            return c.kind() + " taken up at " + c.partnerOrganisation();
        } else if (data instanceof InteractionInformationRequested i) {
            return i.partnerOrganisation() + " asks for information for " + i.kind() + " (clock stopped): "
                    + i.missing();
        } else if (data instanceof InteractionAnswered a) {
            return a.partnerOrganisation() + " answered " + a.kind() + ": " + a.outcome()
                    + (a.binding() ? " (binding)" : "");
        } else if (data instanceof InteractionDeemedGranted g) {
            return g.kind() + " deemed granted by silence (" + g.legalBasis() + "), due " + g.dueAt();
        } else if (data instanceof InteractionEscalated e) {
            return e.kind() + " escalated: " + e.reason();
        } else if (data instanceof InteractionCancellationConfirmed c) {
            return c.kind() + " cancellation confirmed by " + c.partnerOrganisation();
        } else if (data instanceof InteractionExpired e) {
            return e.kind() + " expired: " + e.reason();
        } else if (data instanceof PowerOfAttorneyGranted p) {
            return "Power of attorney for " + p.holder() + " (from " + p.grantor() + ", " + String.join(", ", p.acts())
                    + ") until " + p.validUntil();
        } else if (data instanceof PowerOfAttorneyRevoked p) {
            return "Power of attorney of " + p.holder() + " revoked (" + p.revokedBy() + "): " + p.reason();
        } else if (data instanceof PartnerCaseRegistered) {
            return "Registered with the partner service for agency interactions";
        } else if (data instanceof NotificationRecorded n) {
            return "Notification '" + n.template() + "' recorded for the " + n.recipientRole().toLowerCase()
                    + " (language " + n.language() + ")";
        }
        return data.getClass().getSimpleName();
    }

    static String deadline(InteractionRequested.Deadline d) {
        if ("NONE".equals(d.unit())) {
            return "no statutory deadline, " + d.legalBasis();
        }
        return d.amount() + " " + d.unit().toLowerCase().replace('_', ' ') + ", silence: "
                + d.silence().toLowerCase().replace('_', ' ') + ", " + d.legalBasis();
    }

    /** Adds an entry in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(UUID caseId, String eventId, String type, String source, Instant occurredAt, String summary) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setObject(1, caseId);
            ps.setString(2, eventId);
            ps.setString(3, type);
            ps.setString(4, source);
            ps.setTimestamp(5, Timestamp.from(occurredAt));
            ps.setString(6, summary);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not add event " + eventId + " to the timeline of case " + caseId,
                    e);
        }
    }
}
