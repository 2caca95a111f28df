package de.fallnetz.gateway.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import de.fallnetz.gateway.audit.AuditService;
import de.fallnetz.gateway.identity.Caller;
import de.fallnetz.gateway.ui.UiLocale;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/**
 * The partner portal: the inbox, one request, claim, answer and upload for partner organisations without a system of
 * their own (a relocation agency, a Welcome Center). The signed-in partner user acts as their organisation through
 * the interaction services' partner API ({@link PortalClient}), which decides what the organisation may see and do.
 * Every page that shows a request is audited before it is handed out, like the clerks' pages.
 */
@Path("/portal")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(PartnerPortalResource.PARTNER)
public class PartnerPortalResource {

    static final String PARTNER = "partner";
    private static final String GROUNDS = "participation of the partner organisation the request is addressed to"
            + " (need-to-know of the interaction)";
    private static final AuditService.Read INBOX_READ = new AuditService.Read("portal.inbox.read",
            "caseId,kind,state,deadline", GROUNDS);
    private static final AuditService.Read REQUEST_READ = new AuditService.Read("portal.request.read",
            "caseId,kind,data,documents,answer", GROUNDS);
    /** The outcomes of each kind's answer schema, for the answer form's choice (the services still validate). */
    private static final Map<String, List<String>> OUTCOMES = Map.ofEntries(
            Map.entry("RELOCATION_HANDOFF", List.of("DOCUMENTS_SUBMITTED", "DECLINED")),
            Map.entry("WELCOME_CENTER", List.of("ACKNOWLEDGED")),
            Map.entry("SOCIAL_BENEFITS", List.of("ACKNOWLEDGED")),
            Map.entry("REGISTRATION_OFFICE", List.of("ACKNOWLEDGED")),
            Map.entry("INTEGRATION_COURSE", List.of("ACKNOWLEDGED", "GRANTED")),
            Map.entry("SECURITY_CHECK", List.of("NO_OBJECTION", "CONCERNS")),
            Map.entry("BA_CONSENT", List.of("GRANTED", "GRANTED_WITH_CONDITIONS", "REFUSED")),
            Map.entry("BA_PRE_APPROVAL", List.of("GRANTED", "GRANTED_WITH_CONDITIONS", "REFUSED")),
            Map.entry("RECOGNITION", List.of("GRANTED", "GRANTED_WITH_CONDITIONS", "REFUSED")));
    private static final List<String> FIELDS = List.of("outcome", "reasons", "conditions", "submittedDocuments");

    @CheckedTemplate(basePath = "portal")
    static class Templates {
        static native TemplateInstance inbox(PortalViews.Frame frame, PortalViews.Inbox inbox);

        static native TemplateInstance request(PortalViews.Frame frame, PortalViews.Request r,
                PortalViews.AnswerForm form);

        static native TemplateInstance error(PortalViews.Frame frame, int status);
    }

    private final PortalClient services;
    private final AuditService audit;
    private final SecurityIdentity identity;
    private final UiLocale locale;
    private final UriInfo uri;
    private final HttpServerRequest http;
    private final ObjectMapper json;

    public PartnerPortalResource(PortalClient services, AuditService audit, SecurityIdentity identity,
            UiLocale locale, UriInfo uri, HttpServerRequest http, ObjectMapper json) {
        this.services = services;
        this.audit = audit;
        this.identity = identity;
        this.locale = locale;
        this.uri = uri;
        this.http = http;
        this.json = json;
    }

    @GET
    @Operation(hidden = true)
    public Response inbox() {
        Caller caller = partner();
        if (caller.partnerOrg() == null) {
            return error(403, null);
        }
        List<PortalViews.InboxItem> items = new ArrayList<>();
        List<String> unreachable = new ArrayList<>();
        services.inboxes(caller).forEach((service, answer) -> {
            if (answer.status() == 0 || answer.status() >= 500) {
                unreachable.add(service);
                return;
            }
            if (!answer.ok()) {
                // A route without a partner inbox (or one this organisation may not use) has nothing to show.
                return;
            }
            read(answer.body()).path("items").forEach(r -> items.add(new PortalViews.InboxItem(service,
                    text(r, "id"), text(r, "caseId"), text(r, "kind"), text(r, "state"), instant(r, "dueAt"),
                    instant(r, "requestedAt"), text(r, "claimedBy"))));
        });
        items.sort(Comparator.comparing(PortalViews.InboxItem::dueAt,
                Comparator.nullsLast(Comparator.naturalOrder())));
        audit.recordAll(caller, client(), INBOX_READ,
                items.stream().map(PortalViews.InboxItem::caseId).distinct().toList());
        return html(200, Templates.inbox(frame(caller), new PortalViews.Inbox(items, unreachable)));
    }

    @GET
    @Path("{service}/requests/{id}")
    @Operation(hidden = true)
    public Response request(@PathParam("service") String service, @PathParam("id") String id,
            @QueryParam("done") String done) {
        PortalViews.Frame frame = frame(partner());
        if (done != null && List.of("claim", "answer", "documents").contains(done)) {
            frame = frame.withNotice(messages().done(doneText(done)));
        }
        return page(service, id, 200, frame, PortalViews.AnswerForm.EMPTY);
    }

    @POST
    @Path("{service}/requests/{id}/claim")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response claim(@PathParam("service") String service, @PathParam("id") String id,
            @RestForm String version, @RestForm String formKey) {
        return act(service, id, "claim", version, formKey, null, null, PortalViews.AnswerForm.EMPTY);
    }

    @POST
    @Path("{service}/requests/{id}/answer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response answer(@PathParam("service") String service, @PathParam("id") String id,
            @RestForm String version, @RestForm String formKey, @RestForm String outcome, @RestForm String reasons,
            @RestForm String conditions, @RestForm String submittedDocuments) {
        ObjectNode body = json.createObjectNode();
        if (!blank(outcome)) {
            body.put("outcome", outcome.strip());
        }
        if (!blank(reasons)) {
            body.put("reasons", reasons.strip());
        }
        lines(body, "conditions", conditions);
        lines(body, "submittedDocuments", submittedDocuments);
        PortalViews.AnswerForm entered = new PortalViews.AnswerForm(outcome, reasons, conditions, submittedDocuments,
                Map.of());
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return act(service, id, "answer", version, formKey, MediaType.APPLICATION_JSON, bytes, entered);
    }

    @POST
    @Path("{service}/requests/{id}/documents")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(hidden = true)
    public Response upload(@PathParam("service") String service, @PathParam("id") String id,
            @RestForm String version, @RestForm String formKey, @RestForm("file") FileUpload file) {
        if (file == null || file.fileName() == null || file.fileName().isBlank()) {
            return page(service, id, 400, frame(partner()).withError(messages().upload_hint()),
                    PortalViews.AnswerForm.EMPTY);
        }
        byte[] pdf;
        try {
            pdf = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return act(service, id, "documents?fileName=" + PortalClient.encode(file.fileName()), version, formKey,
                "application/pdf", pdf, PortalViews.AnswerForm.EMPTY);
    }

    /** The language switch: remembers the choice in a cookie and goes back to the page it was chosen on. */
    @GET
    @Path("language")
    @Operation(hidden = true)
    public Response language(@QueryParam("lang") String lang, @QueryParam("return") String back) {
        String chosen = lang != null && List.of("de", "en").contains(lang) ? lang : "de";
        // Only a path of the portal, never another site (no open redirect).
        String target = back != null && back.startsWith("/portal") && !back.startsWith("//") ? back : "/portal";
        NewCookie cookie = new NewCookie.Builder("fallnetz_lang").value(chosen).path("/").maxAge(31_536_000)
                .httpOnly(true).sameSite(NewCookie.SameSite.LAX).build();
        return Response.seeOther(URI.create(target)).cookie(cookie).build();
    }

    /**
     * Sends one action to the service. Success goes back to the request page (303); a refusal shows the request page
     * again with the service's reason, and a refused answer with each violation next to its field.
     */
    private Response act(String service, String id, String action, String version, String formKey,
            String contentType, byte[] body, PortalViews.AnswerForm entered) {
        Caller caller = partner();
        if (!services.knows(service) || caller.partnerOrg() == null) {
            return error(404, null);
        }
        String name = action.replaceFirst("\\?.*", "");
        String key = (blank(formKey) ? UUID.randomUUID().toString() : formKey) + ":" + name;
        PortalClient.Answer answer = services.post(caller, service, id, action, version == null ? "" : version, key,
                contentType, body == null ? new byte[0] : body);
        if (answer.ok()) {
            return Response.seeOther(URI.create("/portal/" + service + "/requests/" + PortalClient.encode(id)
                    + "?done=" + name)).build();
        }
        if (answer.status() == 0) {
            return error(503, null);
        }
        JsonNode problem = read(answer.body());
        Map<String, String> violations = new LinkedHashMap<>();
        problem.path("invalidParams").forEach(p -> violations.merge(field(p.path("name").asText()),
                p.path("reason").asText(), (a, b) -> a + "; " + b));
        PortalViews.Frame frame = frame(caller);
        if ("answer".equals(name) && answer.status() == 400) {
            frame = frame.withError(messages().answer_refused());
        } else {
            frame = frame.withError(problemText(problem, answer.body()));
        }
        PortalViews.AnswerForm form = new PortalViews.AnswerForm(entered.outcome(), entered.reasons(),
                entered.conditions(), entered.submittedDocuments(), violations);
        return page(service, id, answer.status() >= 400 && answer.status() < 500 ? answer.status() : 502, frame,
                form);
    }

    /** The request page: read from the service, audited, then shown. */
    private Response page(String service, String id, int status, PortalViews.Frame frame,
            PortalViews.AnswerForm form) {
        Caller caller = partner();
        if (!services.knows(service) || caller.partnerOrg() == null) {
            return error(404, null);
        }
        PortalClient.Answer answer = services.get(caller, service, id);
        if (!answer.ok()) {
            return error(answer.status() == 0 ? 503 : answer.status() == 404 ? 404 : 502, null);
        }
        JsonNode r = read(answer.body());
        audit.record(caller, client(), REQUEST_READ, text(r, "caseId"));
        Map<String, String> data = new TreeMap<>();
        r.path("data").fields().forEachRemaining(e -> data.put(e.getKey(),
                e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
        List<PortalViews.Document> documents = new ArrayList<>();
        r.path("documents").forEach(d -> documents.add(new PortalViews.Document(text(d, "fileName"),
                d.path("sizeBytes").asLong(), instant(d, "uploadedAt"))));
        List<String> conditions = new ArrayList<>();
        r.path("conditions").forEach(c -> conditions.add(c.asText()));
        String kind = text(r, "kind");
        PortalViews.Request view = new PortalViews.Request(service, text(r, "id"), text(r, "caseId"), kind,
                text(r, "caseType"), text(r, "officeId"), text(r, "state"), instant(r, "dueAt"),
                instant(r, "requestedAt"), text(r, "claimedBy"), data, documents, text(r, "outcome"),
                text(r, "reasons"), conditions, r.path("version").asLong(), UUID.randomUUID().toString(),
                OUTCOMES.getOrDefault(kind, List.of()));
        return html(status, Templates.request(frame, view, form));
    }

    private Caller partner() {
        return Caller.of(identity);
    }

    private PortalViews.Frame frame(Caller caller) {
        String query = uri.getRequestUri().getRawQuery();
        String path = uri.getRequestUri().getRawPath() + (query == null ? "" : "?" + query);
        return new PortalViews.Frame(locale.language(), caller.name() != null ? caller.name() : caller.username(),
                caller.partnerOrg(), path, null, null);
    }

    private Response error(int status, String text) {
        PortalViews.Frame frame = frame(partner());
        return html(status, Templates.error(text == null ? frame : frame.withError(text), status));
    }

    private Response html(int status, TemplateInstance template) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(template.setLocale(locale.locale()).render()).build();
    }

    private PortalMessages messages() {
        return MessageBundles.get(PortalMessages.class, Localized.Literal.of(locale.language()));
    }

    private String doneText(String done) {
        PortalMessages m = messages();
        switch (done) {
            case "claim":
                return m.claim();
            case "answer":
                return m.answer();
            case "documents":
                return m.upload_button();
            default:
                return "";
        }
    }

    /** The form field a violation's JSON pointer names ({@code /conditions/0} is the conditions field). */
    private static String field(String pointer) {
        String first = pointer.replaceFirst("^/", "").replaceFirst("/.*", "");
        return FIELDS.contains(first) ? first : "form";
    }

    private static String problemText(JsonNode problem, String body) {
        String title = problem.path("title").asText("");
        String detail = problem.path("detail").asText("");
        if (title.isEmpty() && detail.isEmpty()) {
            return body == null ? "" : body;
        }
        return detail.isEmpty() ? title : title + ": " + detail;
    }

    private void lines(ObjectNode body, String name, String text) {
        if (blank(text)) {
            return;
        }
        ArrayNode array = body.putArray(name);
        text.lines().map(String::strip).filter(l -> !l.isEmpty()).forEach(array::add);
    }

    private JsonNode read(String body) {
        try {
            return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            return json.createObjectNode();
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.path(name);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    private static Instant instant(JsonNode node, String name) {
        String value = text(node, name);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private String client() {
        return http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }
}
