package de.fallnetz.gateway.ui;

import java.util.List;
import java.util.Map;

import de.fallnetz.contracts.cases.CaseResponse;
import de.fallnetz.contracts.cases.TimelineEntry;
import de.fallnetz.contracts.cases.WorklistResponse;

/** The data of the pages, shaped for the templates. */
public final class UiViews {

    /** A worklist page: filters as chosen, the page of cases, counts per status, the link to the next page. */
    public record Worklist(String view, String status, boolean overdue, String text, List<WorklistResponse.Item> items,
            List<StatusCount> counts, String nextPage) {
    }

    public record StatusCount(String status, long count) {
    }

    /**
     * A case page. Each form carries the case's version (sent as If-Match) and an idempotency key made when the page
     * was rendered, so a form sent twice applies once.
     */
    public record CasePage(CaseResponse c, List<TimelineEntry> timeline, String formKey, boolean deemedConsent,
            Map<String, Object> application) {

        public boolean allows(String command) {
            return c.allowedCommands() != null && c.allowedCommands().contains(command);
        }

        public List<CaseResponse.ChecklistEntry> openItems() {
            return c.checklist().stream().filter(i -> !i.ticked()).toList();
        }

        public String ifMatch() {
            return String.valueOf(c.version());
        }
    }

    /** The live part of a case page, polled: what changed since the page was rendered. */
    public record Live(CaseResponse c, List<TimelineEntry> timeline, int newEntries, boolean changed) {
    }

    /** The team lead's view: backlog per clerk and the overdue cases of the office. */
    public record Team(List<ClerkBacklog> backlog, List<WorklistResponse.Item> overdue, boolean complete,
            de.fallnetz.contracts.cases.OfficeStatisticsResponse figures) {
    }

    public record ClerkBacklog(String clerk, long open, long overdue) {
    }

    /** A case type to choose when opening a case. */
    public record CaseTypeOption(String code, String title, Integer version) {
    }

    /** A field of a case type's application data, as a form input. */
    public record Field(String name, String type, String label, boolean required, List<String> allowed,
            String value) {

        Field withValue(String entered) {
            return new Field(name, type, label, required, allowed, entered);
        }

        public String inputType() {
            switch (type) {
                case "DATE":
                    return "date";
                case "MONEY":
                case "INTEGER":
                    return "number";
                default:
                    return "text";
            }
        }
    }

    /** The answer of the jurisdiction lookup. */
    public record Jurisdiction(String officeId, String officeName, List<Office> candidates, String reason,
            String error) {
    }

    public record Office(String id, String name) {
    }

    /** The decision letter as it will read, before it is issued. */
    public record DecisionPreview(CaseResponse c, String outcome, String reasons, String legalBasis,
            List<String> conditions, String clerk) {
    }

    /** The notification bell: what notification-service has for the clerk, or nothing when it cannot say. */
    /** The bell's unread notifications, newest first; {@code announce}: also tell screen readers of the newest. */
    public record Bell(List<String> items, boolean announce) {
    }

    private UiViews() {
    }
}
