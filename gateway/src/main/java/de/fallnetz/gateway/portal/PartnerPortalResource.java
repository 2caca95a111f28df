package de.fallnetz.gateway.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
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
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
    /**
     * The largest document the portal passes on: the interaction services' limit
     * ({@code fallnetz.interactions.max-document-bytes}, 10 MiB); the gateway's body limit of the upload route
     * (application.properties) leaves room for the form's other fields around it.
     */
    static final long MAX_DOCUMENT_BYTES = 10L * 1024 * 1024;

    @CheckedTemplate(basePath = "portal")
    static class Templates {
        static native TemplateInstance inbox(PortalViews.Frame frame, PortalViews.Inbox inbox);

        static native TemplateInstance request(PortalViews.Frame frame, PortalViews.Request r,
                PortalViews.AnswerForm form);

        static native TemplateInstance error(PortalViews.Frame frame, int status);
    }

    private final PortalClient services;
    private final AnswerForms forms;
    private final AuditService audit;
    private final SecurityIdentity identity;
    private final UiLocale locale;
    private final UriInfo uri;
    private final HttpServerRequest http;
    private final ObjectMapper json;

    public PartnerPortalResource(PortalClient services, AnswerForms forms, AuditService audit,
            SecurityIdentity identity, UiLocale locale, UriInfo uri, HttpServerRequest http, ObjectMapper json) {
        this.services = services;
        this.forms = forms;
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
        return act(service, id, "claim", null, version, formKey, null, null, PortalViews.AnswerForm.EMPTY);
    }

    /**
     * The answer form: its fields are those of the request's kind ({@link AnswerForms}), so the kind is read from the
     * service first; the form's values become the answer's JSON, which the service validates.
     */
    @POST
    @Path("{service}/requests/{id}/answer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response answer(@PathParam("service") String service, @PathParam("id") String id,
            MultivaluedMap<String, String> form) {
        Caller caller = partner();
        if (!services.knows(service) || caller.partnerOrg() == null) {
            return error(404, null);
        }
        PortalClient.Answer current = services.get(caller, service, id);
        if (!current.ok()) {
            return error(current.status() == 0 ? 503 : current.status() == 404 ? 404 : 502, null);
        }
        String kind = text(read(current.body()), "kind");
        Map<String, String> values = new LinkedHashMap<>();
        forms.names(kind).forEach(name -> {
            String value = form.getFirst(name);
            if (value != null) {
                values.put(name, value);
            }
        });
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(forms.answer(kind, values));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return act(service, id, "answer", kind, form.getFirst("version"), form.getFirst("formKey"),
                MediaType.APPLICATION_JSON, HttpRequest.BodyPublishers.ofByteArray(bytes),
                new PortalViews.AnswerForm(values, Map.of()));
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
        if (file.size() > MAX_DOCUMENT_BYTES) {
            return page(service, id, 413, frame(partner()).withError(messages().upload_too_large()),
                    PortalViews.AnswerForm.EMPTY);
        }
        // Streamed from the upload's temporary file on disk, never held in memory as a whole.
        HttpRequest.BodyPublisher pdf;
        try {
            pdf = HttpRequest.BodyPublishers.ofFile(file.uploadedFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return act(service, id, "documents?fileName=" + PortalClient.encode(file.fileName()), null, version, formKey,
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
    private Response act(String service, String id, String action, String kind, String version, String formKey,
            String contentType, HttpRequest.BodyPublisher body, PortalViews.AnswerForm entered) {
        Caller caller = partner();
        if (!services.knows(service) || caller.partnerOrg() == null) {
            return error(404, null);
        }
        String name = action.replaceFirst("\\?.*", "");
        String key = (blank(formKey) ? UUID.randomUUID().toString() : formKey) + ":" + name;
        PortalClient.Answer answer = services.post(caller, service, id, action, version == null ? "" : version, key,
                contentType, body);
        if (answer.ok()) {
            return Response.seeOther(URI.create("/portal/" + service + "/requests/" + PortalClient.encode(id)
                    + "?done=" + name)).build();
        }
        if (answer.status() == 0) {
            return error(503, null);
        }
        JsonNode problem = read(answer.body());
        Map<String, String> violations = new LinkedHashMap<>();
        problem.path("invalidParams").forEach(p -> violations.merge(
                kind == null ? "form" : forms.field(kind, p.path("name").asText()), p.path("reason").asText(),
                (a, b) -> a + "; " + b));
        PortalViews.Frame frame = frame(caller);
        if ("answer".equals(name) && answer.status() == 400) {
            frame = frame.withError(messages().answer_refused());
        } else {
            frame = frame.withError(problemText(problem, answer.body()));
        }
        PortalViews.AnswerForm form = new PortalViews.AnswerForm(entered.values(), violations);
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
        Map<String, String> details = new TreeMap<>();
        r.path("answerDetails").fields().forEachRemaining(e -> details.put(
                forms.label(locale.language(), "field." + e.getKey()),
                forms.describe(locale.language(), e.getKey(), e.getValue())));
        String kind = text(r, "kind");
        String outcome = text(r, "outcome");
        PortalViews.Request view = new PortalViews.Request(service, text(r, "id"), text(r, "caseId"), kind,
                text(r, "caseType"), text(r, "officeId"), text(r, "state"), instant(r, "dueAt"),
                instant(r, "requestedAt"), text(r, "claimedBy"), data, documents, outcome,
                outcome == null ? null : forms.label(locale.language(), "value." + outcome), text(r, "reasons"),
                conditions, details, r.path("version").asLong(), UUID.randomUUID().toString(),
                forms.sections(kind, locale.language(), form.values(), form.violations()));
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

    private static String problemText(JsonNode problem, String body) {
        String title = problem.path("title").asText("");
        String detail = problem.path("detail").asText("");
        if (title.isEmpty() && detail.isEmpty()) {
            return body == null ? "" : body;
        }
        return detail.isEmpty() ? title : title + ": " + detail;
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
