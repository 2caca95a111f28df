package de.fallnetz.notifications.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import de.fallnetz.contracts.events.CaseOpened;
import de.fallnetz.notifications.domain.NotificationService;
import de.fallnetz.platform.messaging.inbox.EventConsumer;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

@ApplicationScoped
public class CaseEventHandler {

    static final String CONSUMER = "notification-service.cases";

    private final EventConsumer events;
    private final NotificationService notifications;

    public CaseEventHandler(EventConsumer events, NotificationService notifications) {
        this.events = events;
        this.notifications = notifications;
    }

    /**
     * A batch of records (the channel has {@code batch=true}), applied in one inbox transaction; case events other
     * than an opening are skipped without an inbox entry.
     */
    @Incoming("case-events")
    @Blocking
    public CompletionStage<Void> onCaseEvents(KafkaRecordBatch<String, String> batch) {
        return events.consumeBatch(batch, CONSUMER, event -> event.data() instanceof CaseOpened, event -> {
            if (event.data() instanceof CaseOpened opened) {
                notifications.caseOpened(opened);
            }
        });
    }
}
