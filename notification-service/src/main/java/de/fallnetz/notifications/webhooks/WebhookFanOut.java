package de.fallnetz.notifications.webhooks;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fallnetz.contracts.events.InteractionEvent;
import de.fallnetz.contracts.events.InteractionRequested;
import de.fallnetz.notifications.delivery.DeliveryQueue;
import de.fallnetz.notifications.domain.NotificationService;
import de.fallnetz.platform.messaging.inbox.ReceivedEvent;

/**
 * Queues one webhook message per matching subscription for an interaction event, in the consuming transaction. A
 * partner hears only of its own organisation's interactions.
 */
@ApplicationScoped
public class WebhookFanOut {

    private final SubscriptionService subscriptions;
    private final DeliveryQueue queue;
    private final NotificationService cases;
    private final ObjectMapper mapper;

    public WebhookFanOut(SubscriptionService subscriptions, DeliveryQueue queue, NotificationService cases,
            ObjectMapper mapper) {
        this.subscriptions = subscriptions;
        this.queue = queue;
        this.cases = cases;
        this.mapper = mapper;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void fanOut(ReceivedEvent event, InteractionEvent data) {
        String caseId = event.subject();
        String office = data instanceof InteractionRequested requested ? requested.officeId()
                : cases.contact(caseId).map(NotificationService.CaseContact::officeId).orElse("");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (Subscription s : subscriptions.matching(data.partnerOrganisation(), event.type().type(), data.kind(),
                office)) {
            queue.enqueue(new DeliveryQueue.Outgoing(event.id(), DeliveryQueue.WEBHOOK, s.id().toString(), caseId,
                    null, s.id(), event.type().type(), null, payload(event), null), now);
        }
    }

    /** The Standard Webhooks payload shape: type, timestamp, data; plus the CloudEvent's id and subject. */
    private String payload(ReceivedEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", event.type().type());
        body.put("timestamp", event.time() == null ? null : event.time().toString());
        body.put("eventId", event.id());
        body.put("subject", event.subject());
        body.put("data", event.data());
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
