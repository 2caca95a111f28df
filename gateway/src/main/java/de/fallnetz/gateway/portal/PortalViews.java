package de.fallnetz.gateway.portal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The data of the portal's pages, shaped for the templates. */
public final class PortalViews {

    /** What every portal page's frame shows. */
    public record Frame(String lang, String userName, String organisation, String path, String notice, String error) {

        /** The current path and query, URL-encoded for the language switch's return address. */
        public String returnTo() {
            return java.net.URLEncoder.encode(path, java.nio.charset.StandardCharsets.UTF_8);
        }

        Frame withNotice(String text) {
            return new Frame(lang, userName, organisation, path, text, error);
        }

        Frame withError(String text) {
            return new Frame(lang, userName, organisation, path, notice, text);
        }
    }

    /** One line of the inbox: a request of one interaction service. */
    public record InboxItem(String service, String id, String caseId, String kind, String state, Instant dueAt,
            Instant requestedAt, String claimedBy) {

        public boolean overdue() {
            return dueAt != null && dueAt.isBefore(Instant.now());
        }

        public String href() {
            return "/portal/" + service + "/requests/" + PortalClient.encode(id);
        }
    }

    /** The inbox across the services: the requests by due date, and the services that did not answer. */
    public record Inbox(List<InboxItem> items, List<String> unreachable) {
    }

    /** A document uploaded to a request. */
    public record Document(String fileName, long sizeBytes, Instant uploadedAt) {
    }

    /**
     * One request: what is asked (the data the catalogue passes to this partner), its deadline and state, what was
     * answered, the documents, and the forms the state allows. Each form carries the request's version (sent as
     * If-Match) and a key made when the page was rendered, from which the Idempotency-Key is derived.
     */
    public record Request(String service, String id, String caseId, String kind, String caseType, String officeId,
            String state, Instant dueAt, Instant requestedAt, String claimedBy, Map<String, String> data,
            List<Document> documents, String outcome, String reasons, List<String> conditions, long version,
            String formKey, List<String> outcomes) {

        public String href() {
            return "/portal/" + service + "/requests/" + PortalClient.encode(id);
        }

        public boolean open() {
            return List.of("DELIVERED", "CLAIMED", "INFORMATION_REQUESTED", "ESCALATED").contains(state);
        }

        public boolean claimable() {
            return open() && claimedBy == null;
        }

        public boolean overdue() {
            return open() && dueAt != null && dueAt.isBefore(Instant.now());
        }

        /** Whether the kind's answer names the documents handed in (a hand-off under a power of attorney). */
        public boolean namesDocuments() {
            return "RELOCATION_HANDOFF".equals(kind);
        }
    }

    /**
     * What the partner entered in the answer form, kept when the service refused it, with the refusal's violations
     * by field ({@code outcome}, {@code reasons}, {@code conditions}, {@code submittedDocuments}, or {@code form}).
     */
    public record AnswerForm(String outcome, String reasons, String conditions, String submittedDocuments,
            Map<String, String> violations) {

        static final AnswerForm EMPTY = new AnswerForm(null, null, null, null, Map.of());

        public boolean invalid(String field) {
            return violations.containsKey(field);
        }

        public String violation(String field) {
            return violations.get(field);
        }

        public boolean refused() {
            return !violations.isEmpty();
        }
    }

    private PortalViews() {
    }
}
