package de.fallnetz.cases.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import de.fallnetz.contracts.cases.OfficeStatisticsResponse;

/**
 * A team lead's figures of one office, counted by plain SQL on the worklist indexes (office first); no names, no
 * case content.
 */
@ApplicationScoped
public class OfficeStatistics {

    /** Statuses in which a case no longer needs work at the office. */
    static final String NOT_OPEN = "('DECIDED', 'CLOSED', 'WITHDRAWN', 'TRANSFERRED')";

    @Transactional
    public OfficeStatisticsResponse of(String officeId) {
        var em = CaseEntity.getEntityManager();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select assignee, count(*), count(*) filter (where "
                + "next_deadline_at < now()) from fallnetz_case where office_id = ?1 and status not in " + NOT_OPEN
                + " group by assignee order by count(*) desc, assignee nulls first").setParameter(1, officeId)
                .getResultList();
        List<OfficeStatisticsResponse.ClerkBacklog> backlog = new ArrayList<>();
        long overdue = 0;
        for (Object[] r : rows) {
            long late = ((Number) r[2]).longValue();
            backlog.add(new OfficeStatisticsResponse.ClerkBacklog((String) r[0], ((Number) r[1]).longValue(), late));
            overdue += late;
        }
        Object[] recent = (Object[]) em.createNativeQuery("select "
                + "count(*) filter (where opened_at >= now() - interval '30 days'), "
                + "count(*) filter (where decided_at >= now() - interval '30 days') "
                + "from fallnetz_case where office_id = ?1").setParameter(1, officeId).getSingleResult();
        Object[] deemed = (Object[]) em.createNativeQuery("select "
                + "count(*) filter (where c.status not in " + NOT_OPEN + "), "
                + "count(*) filter (where i.updated_at >= now() - interval '30 days') "
                + "from case_interaction i join fallnetz_case c on c.id = i.case_id "
                + "where c.office_id = ?1 and i.state = 'DEEMED_GRANTED'").setParameter(1, officeId)
                .getSingleResult();
        return new OfficeStatisticsResponse(officeId, Instant.now(), backlog, overdue, number(recent[0]),
                number(recent[1]), number(deemed[0]), number(deemed[1]));
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
