package de.fallnetz.notifications.webhooks;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import de.fallnetz.notifications.delivery.DeliveryQueue;
import de.fallnetz.notifications.delivery.DeliveryWorker;

/**
 * Pauses a subscription whose delivery failed for the whole retry schedule (about a day) and tells its owner by
 * e-mail: later messages wait, in order, until the partner fixes the receiver and replays or resumes.
 */
@ApplicationScoped
public class SubscriptionHealth {

    private final SubscriptionService subscriptions;
    private final DeliveryQueue queue;

    public SubscriptionHealth(SubscriptionService subscriptions, DeliveryQueue queue) {
        this.subscriptions = subscriptions;
        this.queue = queue;
    }

    void onOutcome(@Observes DeliveryWorker.Outcome outcome) {
        if (!outcome.deadLettered() || outcome.delivery().subscriptionId() == null) {
            return;
        }
        subscriptions.find(outcome.delivery().subscriptionId()).ifPresent(s -> {
            String reason = "delivery " + outcome.delivery().id() + " failed " + outcome.delivery().attempt()
                    + " times; last: " + outcome.result().error();
            subscriptions.setStatus(s.id(), Subscription.PAUSED, reason);
            if (s.contactEmail() != null) {
                String text = "Your Fallnetz webhook subscription " + s.id() + " (" + s.url() + ") is paused: "
                        + reason + ".\nFix the receiver, then replay the dead letters: POST /partner/v1/subscriptions/"
                        + s.id() + "/dead-letters/replay";
                queue.enqueue(new DeliveryQueue.Outgoing("subscription-paused:" + outcome.delivery().id(),
                        DeliveryQueue.EMAIL, s.contactEmail(), "subscription:" + s.id(), null, null,
                        "subscription-paused", "Fallnetz webhook subscription paused", text, null),
                        Instant.now().truncatedTo(ChronoUnit.MICROS));
            }
        });
    }
}
