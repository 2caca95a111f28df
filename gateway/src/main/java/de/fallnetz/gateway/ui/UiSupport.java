package de.fallnetz.gateway.ui;

import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import de.fallnetz.gateway.audit.AuditService;
import de.fallnetz.gateway.identity.Caller;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;

/** What every UI resource needs: the page frame, the language, auditing as the signed-in clerk, problem texts. */
@RequestScoped
public class UiSupport {

    static final Pattern CASE_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final CurrentClerk clerk;
    private final UiLocale locale;
    private final UriInfo uri;
    private final HttpServerRequest http;
    private final AuditService audit;
    private final ObjectMapper json;
    private final SecurityIdentity identity;

    public UiSupport(CurrentClerk clerk, UiLocale locale, UriInfo uri, HttpServerRequest http, AuditService audit,
            ObjectMapper json, SecurityIdentity identity) {
        this.clerk = clerk;
        this.identity = identity;
        this.locale = locale;
        this.uri = uri;
        this.http = http;
        this.audit = audit;
        this.json = json;
    }

    public Page page() {
        String query = uri.getRequestUri().getRawQuery();
        String path = uri.getRequestUri().getRawPath() + (query == null ? "" : "?" + query);
        return new Page(locale.language(), clerk.displayName(), clerk.officeId().orElse(null), clerk.isTeamLead(),
                path, null, null);
    }

    /** The texts in the page's language, for messages composed in Java. */
    public UiMessages messages() {
        return MessageBundles.get(UiMessages.class, Localized.Literal.of(locale.language()));
    }

    public TemplateInstance localized(TemplateInstance template) {
        return template.setLocale(locale.locale());
    }

    public Response html(int status, TemplateInstance template) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                .entity(localized(template).render()).build();
    }

    public Locale locale() {
        return locale.locale();
    }

    public void audit(String action, String caseId) {
        audit.record(Caller.of(identity), client(), read(action), caseId);
    }

    public void auditAll(String action, java.util.List<String> caseIds) {
        audit.recordAll(Caller.of(identity), client(), read(action), caseIds);
    }

    /** The fields a page shows for each kind of read, with the grounds the API's reads name as well. */
    private static AuditService.Read read(String action) {
        String grounds = "case work of the competent office (§ 86 AufenthG)";
        if ("worklist.read".equals(action)) {
            return new AuditService.Read(action, "applicant.name,caseType,status,deadlines", grounds);
        }
        if ("document.read".equals(action)) {
            return new AuditService.Read(action, "document", grounds);
        }
        return new AuditService.Read(action, "applicant,application,checklist,interactions,documents,timeline",
                grounds);
    }

    /** The title and detail of a problem document from case-service, for a person to read. */
    public String problemText(String body) {
        try {
            JsonNode problem = json.readTree(body);
            String title = problem.path("title").asText("");
            String detail = problem.path("detail").asText("");
            StringBuilder text = new StringBuilder(title);
            if (!detail.isBlank()) {
                text.append(text.length() > 0 ? ": " : "").append(detail);
            }
            problem.path("invalidParams").forEach(p -> text.append(" (").append(p.path("name").asText()).append(": ")
                    .append(p.path("reason").asText()).append(')'));
            return text.toString();
        } catch (Exception e) {
            return body == null ? "" : body;
        }
    }

    private String client() {
        return http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }
}
