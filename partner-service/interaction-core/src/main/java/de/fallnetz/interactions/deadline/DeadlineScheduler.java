package de.fallnetz.interactions.deadline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

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
 * <p>
 * Most polls find nothing due (legal deadlines are days away), so each first asks with one plain statement whether
 * any timer is due, and opens the transaction only when one is. The transaction and the locking query for nothing had
 * more profile samples than reading the case events; an idle service uses a tenth less CPU without them
 * (bench/README.md).
 */
@ApplicationScoped
public class DeadlineScheduler {

    private static final int BATCH = 50;

    private final InteractionService interactions;
    private final InteractionClock clock;
    private final MeterRegistry registry;
    private final DataSource database;

    public DeadlineScheduler(InteractionService interactions, InteractionClock clock, MeterRegistry registry,
            DataSource database) {
        this.interactions = interactions;
        this.clock = clock;
        this.registry = registry;
        this.database = database;
    }

    @Scheduled(every = "${fallnetz.interactions.deadline-poll:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        if (!anyDue()) {
            return;
        }
        while (fireDue() == BATCH) {
            // A full batch: there may be more.
        }
    }

    /** Whether a timer is due, without a transaction or a lock (the partial index on fire_at answers it). */
    boolean anyDue() {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "select 1 from interaction_deadline where fired_at is null and fire_at <= ? limit 1")) {
            statement.setObject(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            try (ResultSet due = statement.executeQuery()) {
                return due.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot ask for due timers", e);
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
