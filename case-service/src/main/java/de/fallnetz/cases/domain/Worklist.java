package de.fallnetz.cases.domain;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import de.fallnetz.contracts.cases.WorklistResponse;
import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;

/**
 * The clerks' worklist: an office's cases, nearest partner deadline first, paged by keyset (deadline, case ID) so
 * that page 1,000 costs what page 1 costs. One plain SQL statement on the worklist indexes; no entity loading.
 */
@ApplicationScoped
public class Worklist {

    private static final String ORDER_KEY = "coalesce(next_deadline_at, 'infinity')";

    /** The filters of a worklist query; null means "any". */
    public record Filter(String officeId, CaseStatus status, String assignee, boolean unassigned, boolean overdue,
            String caseType, String text, boolean includeFinished, LocalDate dateOfBirth) {
    }

    @Transactional
    public WorklistResponse query(Filter filter, String after, int limit) {
        planForTheseValues();
        List<Object> params = new ArrayList<>();
        String where = where(filter, params, true);
        StringBuilder sql = new StringBuilder("select id, case_type, office_id, status, family_name, given_names, "
                + "assignee, opened_at, next_deadline_at, " + ORDER_KEY + " < now() from fallnetz_case where ")
                .append(where);
        if (after != null) {
            Cursor cursor = Cursor.parse(after);
            sql.append(" and (").append(ORDER_KEY).append(", id) > (cast(? as timestamptz), ?)");
            params.add(cursor.deadline());
            params.add(cursor.id());
        }
        sql.append(" order by ").append(ORDER_KEY).append(", id limit ").append(limit + 1);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = bind(CaseEntity.getEntityManager().createNativeQuery(sql.toString()), params)
                .getResultList();
        List<WorklistResponse.Item> items = new ArrayList<>();
        for (Object[] r : rows.subList(0, Math.min(limit, rows.size()))) {
            items.add(new WorklistResponse.Item(r[0].toString(), (String) r[1], (String) r[2], (String) r[3],
                    (String) r[4], (String) r[5], (String) r[6], instant(r[7]), instant(r[8]),
                    Boolean.TRUE.equals(r[9])));
        }
        String next = null;
        if (rows.size() > limit) {
            WorklistResponse.Item last = items.get(items.size() - 1);
            next = new Cursor(last.nextDeadlineAt() == null ? "infinity" : last.nextDeadlineAt().toString(),
                    UUID.fromString(last.caseId())).encode();
        }
        return new WorklistResponse(items, next, counts(filter));
    }

    /**
     * Has PostgreSQL plan this transaction's statements for the values bound, not reuse a generic plan. Offices differ
     * a hundredfold in size (Berlin about 120,000 cases, the median office about 1,000), and an index serves a name
     * prefix only when the planner sees the prefix: the generic plan PostgreSQL settles on after a few executions of
     * the name search read all of Berlin's cases (bench/README.md, "Worklist at 1,000,000 cases"). Planning costs
     * well under a millisecond.
     */
    private static void planForTheseValues() {
        CaseEntity.getEntityManager().createNativeQuery("set local plan_cache_mode = force_custom_plan")
                .executeUpdate();
    }

    /** Cases per status under the same filters, except the status itself. */
    private Map<String, Long> counts(Filter filter) {
        List<Object> params = new ArrayList<>();
        String sql = "select status, count(*) from fallnetz_case where " + where(filter, params, false)
                + " group by status order by status";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = bind(CaseEntity.getEntityManager().createNativeQuery(sql), params).getResultList();
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Object[] r : rows) {
            counts.put((String) r[0], ((Number) r[1]).longValue());
        }
        return counts;
    }

    private static String where(Filter f, List<Object> params, boolean withStatus) {
        StringBuilder w = new StringBuilder("office_id = ?");
        params.add(f.officeId());
        if (withStatus && f.status() != null) {
            w.append(" and status = ?");
            params.add(f.status().name());
        } else if (!f.includeFinished()) {
            w.append(" and status not in ('CLOSED', 'WITHDRAWN')");
        }
        if (f.unassigned()) {
            w.append(" and assignee is null");
        } else if (f.assignee() != null) {
            w.append(" and assignee = ?");
            params.add(f.assignee());
        }
        if (f.overdue()) {
            w.append(" and next_deadline_at < now()");
        }
        if (f.caseType() != null) {
            w.append(" and case_type = ?");
            params.add(f.caseType());
        }
        if (f.dateOfBirth() != null) {
            w.append(" and date_of_birth = ?");
            params.add(f.dateOfBirth());
        }
        if (f.text() != null && !f.text().isBlank()) {
            String text = f.text().strip();
            UUID id = uuid(text);
            if (id != null) {
                w.append(" and id = ?");
                params.add(id);
            } else {
                String prefix = text.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                        .replace("_", "\\_") + "%";
                w.append(" and (lower(family_name) like ? or lower(given_names) like ?)");
                params.add(prefix);
                params.add(prefix);
            }
        }
        return w.toString();
    }

    private static Query bind(Query query, List<Object> params) {
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query;
    }

    private static Instant instant(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        return (Instant) value;
    }

    private static UUID uuid(String s) {
        try {
            return s.length() == 36 ? UUID.fromString(s) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Where a page ended: the deadline ({@code infinity} for none) and the case ID, opaque to clients. */
    record Cursor(String deadline, UUID id) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((deadline + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String value) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8).split("\\|");
                if (!parts[0].equals("infinity")) {
                    Instant.parse(parts[0]);
                }
                return new Cursor(parts[0], UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw new ProblemException(Problem.typed("invalid-request", "Invalid request", 400,
                        "after: not a cursor this service handed out")
                        .withInvalidParams(List.of(new Problem.InvalidParam("after", "not a valid cursor"))));
            }
        }
    }
}
