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
     * If-Match) and a key made when the page was rendered, from which the Idempotency-Key is derived. The answer
     * form's sections come from the kind's answer schema ({@link AnswerForms}).
     */
    public record Request(String service, String id, String caseId, String kind, String caseType, String officeId,
            String state, Instant dueAt, Instant requestedAt, String claimedBy, Map<String, String> data,
            List<Document> documents, String outcome, String outcomeLabel, String reasons, List<String> conditions,
            Map<String, String> answerDetails, long version, String formKey, List<Section> sections) {

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
    }

    /**
     * A part of the answer form: loose fields, or a group of them in a fieldset with its legend (a BA consent's
     * restrictions, one compensation measure of a recognition), with a hint and the violation of the group itself.
     */
    public record Section(String id, String legend, String hint, String error, boolean fieldset, List<Field> fields) {

        /** The ids that describe the fieldset: its hint and its violation. */
        public String describedBy() {
            return PortalViews.describedBy(hint == null ? null : id + "-hint", error == null ? null : id + "-error");
        }
    }

    /**
     * One field of the answer form: name (the JSON property, nested ones joined by dots), element id, label,
     * input type ({@code text, textarea, lines, select, number, integer, date, checkbox}), whether it is always
     * required, a hint (one per line; required for some outcomes), the allowed values, the entered value and the
     * service's violation.
     */
    public record Field(String name, String id, String label, String type, boolean required, String hint,
            List<Option> options, String value, String error, String min, String max, String step,
            Integer maxLength, String pattern) {

        public boolean multiline() {
            return "textarea".equals(type) || "lines".equals(type);
        }

        public String inputType() {
            switch (type) {
                case "number":
                case "integer":
                    return "number";
                case "date":
                    return "date";
                case "checkbox":
                    return "checkbox";
                default:
                    return "text";
            }
        }

        public int rows() {
            return "lines".equals(type) ? 3 : 4;
        }

        public boolean checked() {
            return value != null && !value.isBlank();
        }

        /** The ids that describe the field: its hint and its violation. */
        public String describedBy() {
            return PortalViews.describedBy(hint == null ? null : id + "-hint", error == null ? null : id + "-error");
        }
    }

    /** An allowed value of a select, with its label. */
    public record Option(String value, String label, boolean selected) {
    }

    /**
     * What the partner entered in the answer form (by field name), kept when the service refused it, with the
     * refusal's violations by field name ({@code form} for the answer as a whole).
     */
    public record AnswerForm(Map<String, String> values, Map<String, String> violations) {

        static final AnswerForm EMPTY = new AnswerForm(Map.of(), Map.of());

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

    private static String describedBy(String... ids) {
        String joined = String.join(" ", java.util.Arrays.stream(ids).filter(java.util.Objects::nonNull).toList());
        return joined.isEmpty() ? null : joined;
    }

    private PortalViews() {
    }
}
