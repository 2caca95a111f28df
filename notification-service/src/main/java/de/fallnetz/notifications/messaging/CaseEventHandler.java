package de.fallnetz.notifications.messaging;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import de.fallnetz.contracts.events.CardReadyForPickup;
import de.fallnetz.contracts.events.CaseDecided;
import de.fallnetz.contracts.events.CaseOpened;
import de.fallnetz.contracts.events.CaseStatusChanged;
import de.fallnetz.contracts.events.CaseTransferred;
import de.fallnetz.contracts.events.DocumentsRequested;
import de.fallnetz.contracts.events.FallnetzEvent;
import de.fallnetz.notifications.clerks.ClerkNotifications;
import de.fallnetz.notifications.domain.NotificationService;
import de.fallnetz.platform.messaging.inbox.EventConsumer;
import de.fallnetz.platform.messaging.inbox.ReceivedEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

@ApplicationScoped
public class CaseEventHandler {

    static final String CONSUMER = "notification-service.cases";

    private final EventConsumer events;
    private final NotificationService notifications;
    private final ClerkNotifications clerks;

    public CaseEventHandler(EventConsumer events, NotificationService notifications, ClerkNotifications clerks) {
        this.events = events;
        this.notifications = notifications;
        this.clerks = clerks;
    }

    /**
     * A batch of records (the channel has {@code batch=true}), applied in one inbox transaction; case events that
     * concern nobody we notify are skipped without an inbox entry.
     */
    @Incoming("case-events")
    @Blocking
    public CompletionStage<Void> onCaseEvents(KafkaRecordBatch<String, String> batch) {
        return events.consumeBatch(batch, CONSUMER, CaseEventHandler::wanted, this::apply);
    }

    private static boolean wanted(ReceivedEvent event) {
        FallnetzEvent data = event.data();
        return data instanceof CaseOpened || data instanceof DocumentsRequested || data instanceof CaseStatusChanged
                || data instanceof CaseDecided || data instanceof CardReadyForPickup || data instanceof CaseTransferred;
    }

    private void apply(ReceivedEvent event) {
        FallnetzEvent data = event.data();
        if (data instanceof CaseOpened opened) {
            notifications.caseOpened(event.id(), opened);
        } else if (data instanceof DocumentsRequested requested) {
            notifications.documentsRequested(event.id(), requested);
        } else if (data instanceof CaseStatusChanged changed) {
            notifications.statusChanged(event.id(), changed);
        } else if (data instanceof CaseDecided decided) {
            notifications.decided(event.id(), decided);
        } else if (data instanceof CardReadyForPickup ready) {
            notifications.cardReady(event.id(), ready);
        } else if (data instanceof CaseTransferred transferred) {
            notifications.transferred(event.id(), transferred);
            clerks.caseTransferredIn(event.id(), transferred);
            clerks.caseChanged(transferred.fromOfficeId(), transferred.caseId(), event.type().type());
        }
        officeOf(data).ifPresent(office -> clerks.caseChanged(office, event.subject(), event.type().type()));
    }

    /** The office whose open pages of the case must fetch it again (for a transfer: the receiving one). */
    private static Optional<String> officeOf(FallnetzEvent data) {
        if (data instanceof CaseOpened e) {
            return Optional.ofNullable(e.officeId());
        } else if (data instanceof DocumentsRequested e) {
            return Optional.ofNullable(e.officeId());
        } else if (data instanceof CaseStatusChanged e) {
            return Optional.ofNullable(e.officeId());
        } else if (data instanceof CaseDecided e) {
            return Optional.ofNullable(e.officeId());
        } else if (data instanceof CardReadyForPickup e) {
            return Optional.ofNullable(e.officeId());
        } else if (data instanceof CaseTransferred e) {
            return Optional.ofNullable(e.toOfficeId());
        }
        return Optional.empty();
    }
}
