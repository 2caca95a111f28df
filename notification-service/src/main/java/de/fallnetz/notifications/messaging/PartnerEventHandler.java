package de.fallnetz.notifications.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import de.fallnetz.contracts.events.InteractionAnswered;
import de.fallnetz.contracts.events.InteractionDeemedGranted;
import de.fallnetz.contracts.events.InteractionDelivered;
import de.fallnetz.contracts.events.InteractionEvent;
import de.fallnetz.notifications.clerks.ClerkNotifications;
import de.fallnetz.notifications.domain.NotificationService;
import de.fallnetz.notifications.webhooks.WebhookFanOut;
import de.fallnetz.platform.messaging.inbox.EventConsumer;
import de.fallnetz.platform.messaging.inbox.ReceivedEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * Interaction events: partner webhooks for every kind a subscription asks for, the applicant's "a step is done" and
 * the clerks' alerts (new answer, deemed consent, deadline soon).
 */
@ApplicationScoped
public class PartnerEventHandler {

    static final String CONSUMER = "notification-service.partners";

    private final EventConsumer events;
    private final NotificationService notifications;
    private final ClerkNotifications clerks;
    private final WebhookFanOut webhooks;

    public PartnerEventHandler(EventConsumer events, NotificationService notifications, ClerkNotifications clerks,
            WebhookFanOut webhooks) {
        this.events = events;
        this.notifications = notifications;
        this.clerks = clerks;
        this.webhooks = webhooks;
    }

    @Incoming("partner-events")
    @Blocking
    public CompletionStage<Void> onPartnerEvents(KafkaRecordBatch<String, String> batch) {
        return events.consumeBatch(batch, CONSUMER, event -> event.data() instanceof InteractionEvent, this::apply);
    }

    private void apply(ReceivedEvent event) {
        InteractionEvent data = (InteractionEvent) event.data();
        webhooks.fanOut(event, data);
        if (data instanceof InteractionAnswered answered) {
            notifications.partnerStepDone(event.id(), answered.caseId());
            clerks.partnerAnswered(event.id(), answered);
        } else if (data instanceof InteractionDeemedGranted deemed) {
            notifications.partnerStepDone(event.id(), deemed.caseId());
            clerks.deemedConsent(event.id(), deemed);
        } else if (data instanceof InteractionDelivered delivered) {
            clerks.deadlineScheduled(event.id(), delivered);
        }
    }
}
