package de.fallnetz.notifications.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A partner organisation's webhook subscription. */
public record Subscription(UUID id, String partnerOrg, String url, List<String> eventTypes,
        List<String> interactionKinds, List<String> officeIds, String contactEmail, boolean allowPrivateNetwork,
        String status, String pausedReason, Instant createdAt) {

    public static final String ACTIVE = "ACTIVE";
    public static final String PAUSED = "PAUSED";
    /** The target is in a private network; an operator must allow that first. */
    public static final String AWAITING_APPROVAL = "AWAITING_APPROVAL";
}
