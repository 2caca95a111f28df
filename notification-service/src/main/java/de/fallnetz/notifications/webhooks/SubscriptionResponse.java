package de.fallnetz.notifications.webhooks;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A subscription; {@code secret} only in the answer that created it or rotated the secret. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SubscriptionResponse(String id, String url, List<String> eventTypes, List<String> interactionKinds,
        List<String> officeIds, String contactEmail, String status, String pausedReason,
        boolean privateNetworkAllowed, Instant createdAt, String secret) {

    static SubscriptionResponse of(Subscription s, String secret) {
        return new SubscriptionResponse(s.id().toString(), s.url(), s.eventTypes(), s.interactionKinds(),
                s.officeIds(), s.contactEmail(), s.status(), s.pausedReason(), s.allowPrivateNetwork(),
                s.createdAt(), secret);
    }
}
