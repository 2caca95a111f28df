package de.fallnetz.interactions.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import de.fallnetz.platform.rest.Problem;
import de.fallnetz.platform.rest.ProblemException;

/**
 * A partner organisation's requests, sorted by due date (requests without one last), then ID, in pages: the cursor is
 * the last row's (due date, ID), so a page never repeats or skips a row when others arrive in between.
 */
@ApplicationScoped
public class PartnerInbox {

    /** One page and the cursor of the next, or null. */
    public record Page(List<InteractionRequestEntity> items, String next) {
    }

    public Page page(String organisation, Collection<InteractionState> states, String kind, Instant dueBefore,
            String after, int limit) {
        StringBuilder where = new StringBuilder("partnerOrganisation = :org and state in :states");
        Map<String, Object> params = new HashMap<>();
        params.put("org", organisation);
        params.put("states", states);
        if (kind != null) {
            where.append(" and kind = :kind");
            params.put("kind", kind);
        }
        if (dueBefore != null) {
            where.append(" and dueAt < :dueBefore");
            params.put("dueBefore", dueBefore);
        }
        if (after != null) {
            String[] cursor = decode(after);
            params.put("cid", cursor[1]);
            if (cursor[0].isEmpty()) {
                where.append(" and dueAt is null and id > :cid");
            } else {
                where.append(" and (dueAt is null or dueAt > :cdue or (dueAt = :cdue and id > :cid))");
                params.put("cdue", Instant.parse(cursor[0]));
            }
        }
        List<InteractionRequestEntity> rows = InteractionRequestEntity
                .<InteractionRequestEntity>find(where + " order by dueAt asc nulls last, id asc", params)
                .range(0, limit).list(); // one more than a page: is there a next one?
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        rows = rows.subList(0, limit);
        InteractionRequestEntity last = rows.get(limit - 1);
        return new Page(rows, encode(last.dueAt, last.id));
    }

    private static String encode(Instant due, String id) {
        String raw = (due == null ? "" : due.toString()) + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            if (bar < 0) {
                throw new IllegalArgumentException();
            }
            String[] parts = { raw.substring(0, bar), raw.substring(bar + 1) };
            if (!parts[0].isEmpty()) {
                Instant.parse(parts[0]);
            }
            return parts;
        } catch (RuntimeException e) {
            throw new ProblemException(Problem.typed("invalid-request", "Invalid request", 400,
                    "The cursor 'after' is not one this API gave out")
                    .withInvalidParams(List.of(new Problem.InvalidParam("after", "unknown cursor"))));
        }
    }
}
