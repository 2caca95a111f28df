package de.fallnetz.interactions.deadline;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import de.fallnetz.interactions.domain.InteractionService;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Fires due timers exactly once, with any number of replicas and across crashes: each batch takes its rows with
 * {@code FOR UPDATE SKIP LOCKED} (another replica skips them), applies their effect, writes the event to the outbox and
 * stamps {@code fired_at} in one transaction. A timer that fell due while the service was down fires at the first
 * poll after the start.
 */
@ApplicationScoped
public class DeadlineScheduler {

    private static final int BATCH = 50;

    private final InteractionService interactions;
    private final InteractionClock clock;
    private final MeterRegistry registry;

    public DeadlineScheduler(InteractionService interactions, InteractionClock clock, MeterRegistry registry) {
        this.interactions = interactions;
        this.clock = clock;
        this.registry = registry;
    }

    @Scheduled(every = "${fallnetz.interactions.deadline-poll:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        while (fireDue() == BATCH) {
            // A full batch: there may be more.
        }
    }

    /** Fires one batch of due timers; returns how many. */
    @Transactional
    public int fireDue() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<DeadlineEntity> due = DeadlineEntity.getEntityManager().createNativeQuery("""
                select * from interaction_deadline where fired_at is null and fire_at <= ?1
                order by fire_at limit ?2 for update skip locked""", DeadlineEntity.class)
                .setParameter(1, now).setParameter(2, BATCH).getResultList();
        for (DeadlineEntity timer : due) {
            interactions.fire(timer);
            timer.firedAt = now;
            registry.counter("fallnetz.interactions.timers.fired", "timer", timer.timer.name()).increment();
        }
        return due.size();
    }
}
