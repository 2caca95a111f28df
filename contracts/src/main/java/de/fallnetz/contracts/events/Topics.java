package de.fallnetz.contracts.events;

import java.util.List;

/**
 * Kafka topics, one per aggregate ({@code <aggregate>.events}). Every record on them is a CloudEvent in binary mode
 * whose Kafka key and {@code subject} are the case ID, so all events of one case stay in order on one partition.
 */
public final class Topics {

    public static final String CASE_EVENTS = "case.events";
    public static final String PARTNER_EVENTS = "partner.events";
    public static final String NOTIFICATION_EVENTS = "notification.events";

    /** Where a consumer parks a record it cannot read (malformed or of an unknown schema), for an operator to look at. */
    public static final String DEAD_LETTERS = "dead-letters";

    public static final List<String> ALL = List.of(CASE_EVENTS, PARTNER_EVENTS, NOTIFICATION_EVENTS, DEAD_LETTERS);

    /**
     * Partitions per topic: the one place this is set. It bounds how many instances of a consumer group can share the
     * work; raising it later re-maps case IDs to partitions, so pick it for the largest deployment you expect.
     */
    public static final int PARTITIONS = 6;

    private Topics() {
    }
}
