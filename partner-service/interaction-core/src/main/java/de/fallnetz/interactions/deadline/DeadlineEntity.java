package de.fallnetz.interactions.deadline;

import java.time.Instant;
import java.time.Period;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A durable timer of one interaction request. */
@Entity
@Table(name = "interaction_deadline")
public class DeadlineEntity extends PanacheEntityBase {

    /** What a timer does when it fires. */
    public enum Timer {
        /** The deadline: the silence rule applies. */
        DUE,
        /** A reminder before or without a statutory deadline: the office hears of it, the state stays. */
        REMINDER,
        /** The end of a granted request's validity (a pre-approval's 6 months). */
        EXPIRY
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "interaction_id")
    public String interactionId;

    @Enumerated(EnumType.STRING)
    public Timer timer;

    @Column(name = "fire_at")
    public Instant fireAt;

    @Column(name = "fired_at")
    public Instant firedAt;

    public static void schedule(String interactionId, Timer timer, Instant fireAt) {
        DeadlineEntity d = new DeadlineEntity();
        d.interactionId = interactionId;
        d.timer = timer;
        d.fireAt = fireAt;
        d.persist();
    }

    /**
     * Starts the validity of an answer: an {@code EXPIRY} timer at 24:00 of the day {@code validity} after
     * {@code from} (a pre-approval's 6 months, an integration-course entitlement's year).
     */
    public static void scheduleExpiry(String interactionId, Instant from, Period validity) {
        schedule(interactionId, Timer.EXPIRY,
                DeadlineCalculator.endOf(from.atZone(InteractionClock.ZONE).toLocalDate().plus(validity)));
    }

    /** Drops the timers of a request that have not fired, of the given kinds. */
    public static void cancel(String interactionId, Timer... timers) {
        delete("interactionId = ?1 and firedAt is null and timer in ?2", interactionId, java.util.List.of(timers));
    }
}
