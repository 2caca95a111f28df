package de.fallnetz.gateway.ui;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;

import de.fallnetz.contracts.cases.ApplicantData;
import de.fallnetz.contracts.cases.CaseResponse;
import de.fallnetz.contracts.cases.OpenCaseRequest;
import de.fallnetz.gateway.cases.CaseLifecycleClient;
import de.fallnetz.gateway.cases.CaseServiceClient;
import de.fallnetz.gateway.cases.CaseServiceUnavailableException;
import de.fallnetz.gateway.cases.UpstreamProblemException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Opening a case on behalf of an applicant or employer: the case type's own fields (from the catalogue), the
 * jurisdiction answer for the postal code as it is typed, and the candidate offices when the postal code spans
 * several districts.
 */
@Path("/ui/new")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ CurrentClerk.CLERK, CurrentClerk.TEAM_LEAD })
public class OpenCaseUiResource {

    static final String APP = "app.";

    @CheckedTemplate(basePath = "ui")
    static class Templates {
        static native TemplateInstance openCase(Page page, List<UiViews.CaseTypeOption> caseTypes, String caseType,
                List<UiViews.Field> fields, Map<String, String> values, String formKey);

        static native TemplateInstance fields(List<UiViews.Field> fields);

        static native TemplateInstance jurisdiction(UiViews.Jurisdiction answer);
    }

    private final CaseLifecycleClient catalogue;
    private final CaseServiceClient cases;
    private final UiSupport ui;

    public OpenCaseUiResource(@RestClient CaseLifecycleClient catalogue, @RestClient CaseServiceClient cases,
            UiSupport ui) {
        this.catalogue = catalogue;
        this.cases = cases;
        this.ui = ui;
    }

    @GET
    public Response form(@QueryParam("caseType") String caseType) {
        List<UiViews.CaseTypeOption> types = caseTypes();
        UiViews.CaseTypeOption chosen = choose(types, caseType);
        return ui.html(200, Templates.openCase(ui.page(), types, chosen == null ? null : chosen.code(),
                fields(chosen), Map.of("openedBy", "APPLICANT"), UUID.randomUUID().toString()));
    }

    /** The inputs of one case type, swapped into the form when the clerk picks another type. */
    @GET
    @Path("fields")
    public TemplateInstance fieldsOf(@QueryParam("caseType") String caseType) {
        return ui.localized(Templates.fields(fields(choose(caseTypes(), caseType))));
    }

    @GET
    @Path("jurisdiction")
    public TemplateInstance jurisdiction(@QueryParam("app.postalCode") String postalCode,
            @QueryParam("caseType") String caseType, @QueryParam("app.municipality") String municipality) {
        if (postalCode == null || !postalCode.strip().matches("[0-9]{5}")) {
            return ui.localized(Templates.jurisdiction(null));
        }
        String type = caseType != null && caseType.matches("[A-Z][A-Z0-9_]{1,39}") ? caseType : null;
        UiViews.Jurisdiction answer;
        try {
            JsonNode found = catalogue.jurisdiction(postalCode.strip(), type,
                    CaseCommandUiResource.blankToNull(municipality));
            List<UiViews.Office> candidates = new ArrayList<>();
            found.path("candidates").forEach(o -> candidates.add(new UiViews.Office(o.path("id").asText(),
                    o.path("name").asText())));
            JsonNode office = found.path("office");
            answer = new UiViews.Jurisdiction(office.isObject() ? office.path("id").asText() : null,
                    office.isObject() ? office.path("name").asText() : null, candidates, found.path("reason").asText(),
                    null);
        } catch (UpstreamProblemException e) {
            answer = new UiViews.Jurisdiction(null, null, List.of(), null, ui.problemText(e.body()));
        }
        return ui.localized(Templates.jurisdiction(answer));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response open(MultivaluedMap<String, String> form) {
        Map<String, String> values = new HashMap<>();
        form.forEach((k, v) -> values.put(k, v.isEmpty() ? "" : v.get(0)));
        List<UiViews.CaseTypeOption> types = caseTypes();
        UiViews.CaseTypeOption type = choose(types, values.get("caseType"));
        List<UiViews.Field> fields = fields(type);
        String formKey = values.getOrDefault("formKey", "");
        if (!UiSupport.CASE_ID.matcher(formKey).matches()) {
            formKey = UUID.randomUUID().toString();
        }
        try {
            OpenCaseRequest request = request(type, fields, values);
            RestResponse<CaseResponse> opened = cases.open(request, formKey);
            return Response.seeOther(URI.create("/ui/cases/" + opened.getEntity().caseId() + "?done=opened")).build();
        } catch (UpstreamProblemException e) {
            return again(types, type, fields, values, formKey, e.status(), ui.problemText(e.body()));
        } catch (IllegalArgumentException e) {
            return again(types, type, fields, values, formKey, 400, e.getMessage());
        }
    }

    private Response again(List<UiViews.CaseTypeOption> types, UiViews.CaseTypeOption type,
            List<UiViews.Field> fields, Map<String, String> values, String formKey, int status, String error) {
        List<UiViews.Field> filled = fields.stream().map(f -> f.withValue(values.get(APP + f.name()))).toList();
        return ui.html(status, Templates.openCase(ui.page().withError(error), types, type == null ? null : type.code(),
                filled, values, formKey));
    }

    private static OpenCaseRequest request(UiViews.CaseTypeOption type, List<UiViews.Field> fields,
            Map<String, String> values) {
        if (type == null) {
            throw new IllegalArgumentException("caseType");
        }
        LocalDate born;
        try {
            born = LocalDate.parse(values.getOrDefault("dateOfBirth", ""));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("dateOfBirth: " + values.getOrDefault("dateOfBirth", ""));
        }
        ApplicantData applicant = new ApplicantData(blank(values.get("familyName")), blank(values.get("givenNames")),
                born, upper(values.get("nationality")), blank(values.get("preferredLanguage")),
                upper(values.get("azrNumber")));
        Map<String, Object> application = new LinkedHashMap<>();
        for (UiViews.Field field : fields) {
            String raw = values.get(APP + field.name());
            if ("BOOLEAN".equals(field.type())) {
                application.put(field.name(), "true".equals(raw));
                continue;
            }
            if (raw == null || raw.isBlank()) {
                continue;
            }
            application.put(field.name(), value(field, raw.strip()));
        }
        String openedBy = values.getOrDefault("openedBy", "APPLICANT");
        return new OpenCaseRequest(type.code(), blank(values.get("officeId")), openedBy,
                blank(values.get("onBehalfOf")), applicant, application, blank(values.get(APP + "municipality")),
                null);
    }

    private static Object value(UiViews.Field field, String raw) {
        try {
            switch (field.type()) {
                case "MONEY":
                    return new BigDecimal(raw.replace(',', '.'));
                case "INTEGER":
                    return Long.valueOf(raw);
                default:
                    return raw;
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field.label() + ": " + raw);
        }
    }

    private List<UiViews.CaseTypeOption> caseTypes() {
        List<UiViews.CaseTypeOption> types = new ArrayList<>();
        boolean english = "en".equals(ui.locale().getLanguage());
        for (JsonNode t : catalogue.caseTypes()) {
            if (t.path("currentVersion").isInt()) {
                String title = english && t.hasNonNull("titleEn") ? t.path("titleEn").asText() : t.path("title").asText();
                types.add(new UiViews.CaseTypeOption(t.path("code").asText(), title, t.path("currentVersion").asInt()));
            }
        }
        return types;
    }

    private static UiViews.CaseTypeOption choose(List<UiViews.CaseTypeOption> types, String code) {
        return types.stream().filter(t -> t.code().equals(code)).findFirst()
                .orElse(types.isEmpty() ? null : types.get(0));
    }

    private List<UiViews.Field> fields(UiViews.CaseTypeOption type) {
        if (type == null) {
            return List.of();
        }
        List<UiViews.Field> fields = new ArrayList<>();
        for (JsonNode f : catalogue.caseTypeVersion(type.code(), String.valueOf(type.version())).path("fields")) {
            String kind = f.path("type").asText();
            if ("FAMILY_MEMBERS".equals(kind)) {
                continue; // a list of people: opened as their own related cases, not typed into this form
            }
            List<String> allowed = new ArrayList<>();
            f.path("allowed").forEach(a -> allowed.add(a.asText()));
            fields.add(new UiViews.Field(f.path("name").asText(), kind, f.path("label").asText(),
                    f.path("required").asBoolean(false), allowed, null));
        }
        return fields;
    }

    private static String blank(String text) {
        return CaseCommandUiResource.blankToNull(text);
    }

    private static String upper(String text) {
        String value = blank(text);
        return value == null ? null : value.toUpperCase(java.util.Locale.ROOT);
    }

    @ServerExceptionMapper({ CaseServiceUnavailableException.class, ProcessingException.class,
            TimeoutException.class })
    public Response unavailable(Exception e) {
        return ui.html(503, ClerkUiResource.Templates.error(ui.page(), 503));
    }

    @ServerExceptionMapper
    public Response problem(UpstreamProblemException e) {
        return ui.html(e.status(),
                ClerkUiResource.Templates.error(ui.page().withError(ui.problemText(e.body())), e.status()));
    }
}
