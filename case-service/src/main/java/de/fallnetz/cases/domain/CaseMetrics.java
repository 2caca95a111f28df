package de.fallnetz.cases.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.quarkus.scheduler.Scheduled;

/**
 * Backlog and processing time per office and case type, for the operators' dashboards:
 * {@code fallnetz_cases_backlog{office,case_type}} (cases not yet decided, refreshed every minute from the database, so
 * it is right across restarts and replicas; without the status, which would multiply the series by ten) and
 * {@code fallnetz_cases_processing_seconds{office,case_type,outcome}} (opening to decision) and
 * {@code fallnetz_cases_opened_last_day{office,case_type}} (cases opened in the last 24 hours, also from the database).
 */
@ApplicationScoped
public class CaseMetrics {

    private final MeterRegistry registry;
    private final MultiGauge backlog;
    private final MultiGauge openedLastDay;

    public CaseMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.backlog = MultiGauge.builder("fallnetz.cases.backlog")
                .description("Cases not yet decided, per office and case type").register(registry);
        this.openedLastDay = MultiGauge.builder("fallnetz.cases.opened.last.day")
                .description("Cases opened in the last 24 hours, per (current) office and case type").register(registry);
    }

    void decided(CaseEntity c, Instant decidedAt) {
        Timer.builder("fallnetz.cases.processing")
                .description("Time from opening a case to its decision")
                .tags("office", c.officeId, "case_type", c.caseType, "outcome", c.outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofHours(1)).maximumExpectedValue(Duration.ofDays(730))
                .register(registry)
                .record(Duration.between(c.openedAt, decidedAt));
    }

    @Scheduled(every = "60s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void refreshBacklog() {
        // One pass over the table for both gauges.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = CaseEntity.getEntityManager().createNativeQuery("""
                select coalesce(office_id, 'unassigned'), case_type,
                    count(*) filter (where status not in ('DECIDED', 'CLOSED', 'WITHDRAWN')),
                    count(*) filter (where opened_at >= now() - interval '1 day')
                from fallnetz_case group by 1, 2""").getResultList();
        backlog.register(rows(rows, 2), true);
        openedLastDay.register(rows(rows, 3), true);
    }

    private static List<MultiGauge.Row<?>> rows(List<Object[]> rows, int column) {
        return rows.stream().filter(r -> ((Number) r[column]).longValue() > 0)
                .<MultiGauge.Row<?>>map(r -> MultiGauge.Row.of(Tags.of("office", (String) r[0], "case_type",
                        (String) r[1]), ((Number) r[column]).doubleValue()))
                .toList();
    }
}
