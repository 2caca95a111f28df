package de.fallnetz.interactions.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of an interaction request. The clock runs in {@link #DELIVERED}, {@link #CLAIMED} and {@link #ESCALATED}
 * and is paused in {@link #INFORMATION_REQUESTED}; {@link #ANSWERED} may still expire (a pre-approval's validity).
 */
public enum InteractionState {

    REQUESTED,
    DELIVERED,
    CLAIMED,
    INFORMATION_REQUESTED,
    ANSWERED,
    DEEMED_GRANTED,
    ESCALATED,
    CANCELLED,
    EXPIRED;

    /** The states a request in this state may move to. */
    public Set<InteractionState> next() {
        return switch (this) {
            case REQUESTED -> EnumSet.of(DELIVERED, ANSWERED, CANCELLED);
            case DELIVERED -> EnumSet.of(CLAIMED, INFORMATION_REQUESTED, ANSWERED, DEEMED_GRANTED, ESCALATED,
                    CANCELLED);
            case CLAIMED -> EnumSet.of(INFORMATION_REQUESTED, ANSWERED, DEEMED_GRANTED, ESCALATED, CANCELLED);
            case INFORMATION_REQUESTED -> EnumSet.of(DELIVERED, CLAIMED, ANSWERED, CANCELLED);
            case ESCALATED -> EnumSet.of(CLAIMED, INFORMATION_REQUESTED, ANSWERED, CANCELLED);
            case ANSWERED -> EnumSet.of(EXPIRED);
            case DEEMED_GRANTED, CANCELLED, EXPIRED -> EnumSet.noneOf(InteractionState.class);
        };
    }

    public boolean canMoveTo(InteractionState target) {
        return next().contains(target);
    }

    /** Whether the partner still has to act: the inbox shows these by default. */
    public boolean open() {
        return this == DELIVERED || this == CLAIMED || this == INFORMATION_REQUESTED || this == ESCALATED;
    }

    public static Set<InteractionState> openStates() {
        return EnumSet.of(DELIVERED, CLAIMED, INFORMATION_REQUESTED, ESCALATED);
    }
}
