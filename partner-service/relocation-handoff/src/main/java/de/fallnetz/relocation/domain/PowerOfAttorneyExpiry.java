package de.fallnetz.relocation.domain;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import de.fallnetz.interactions.deadline.InteractionClock;
import io.quarkus.scheduler.Scheduled;

/**
 * The durable deadline of every power of attorney: the end of its validity. Due powers are taken with
 * {@code FOR UPDATE SKIP LOCKED} (another replica skips them), their expiry applied and stamped
 * ({@code expiry_applied_at}) in one transaction, so it happens once, also for a power that ended while the service
 * was down (at the first poll after the start).
 */
@ApplicationScoped
public class PowerOfAttorneyExpiry {

    private static final int BATCH = 50;

    private final EntityManager em;
    private final PowerOfAttorneyService powers;
    private final InteractionClock clock;

    public PowerOfAttorneyExpiry(EntityManager em, PowerOfAttorneyService powers, InteractionClock clock) {
        this.em = em;
        this.powers = powers;
        this.clock = clock;
    }

    @Scheduled(every = "${fallnetz.interactions.deadline-poll:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        while (applyDue() == BATCH) {
            // A full batch: there may be more.
        }
    }

    /** Applies the expiry of one batch of powers whose validity ended; returns how many were taken. */
    @Transactional
    public int applyDue() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<PowerOfAttorneyEntity> due = em.createNativeQuery("""
                select * from power_of_attorney
                where revoked_at is null and expiry_applied_at is null and valid_until <= ?1
                order by valid_until, granted_at limit ?2 for update skip locked""", PowerOfAttorneyEntity.class)
                .setParameter(1, now).setParameter(2, BATCH).getResultList();
        for (PowerOfAttorneyEntity p : due) {
            if (p.expiryAppliedAt == null) { // the expiry of a power above it in this batch may have ended it
                powers.expire(p, now);
            }
        }
        return due.size();
    }
}
