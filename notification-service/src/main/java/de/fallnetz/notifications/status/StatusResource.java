package de.fallnetz.notifications.status;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import de.fallnetz.notifications.domain.ApplicantTexts;
import de.fallnetz.notifications.domain.NotificationService;
import de.fallnetz.platform.rest.ProblemException;

/**
 * The applicant's status page data, behind the signed link from their mails. A malformed, forged, expired or revoked
 * token and an unknown case all give the same 404, so a guesser learns nothing.
 */
@Path("/api/status/{token}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Status page")
public class StatusResource {

    private final StatusTokens tokens;
    private final NotificationService cases;
    private final ApplicantTexts texts;

    public StatusResource(StatusTokens tokens, NotificationService cases, ApplicantTexts texts) {
        this.tokens = tokens;
        this.cases = cases;
        this.texts = texts;
    }

    @GET
    @Operation(summary = "Stage, missing documents and next step of the case the token stands for")
    public StatusResponse status(@PathParam("token") String token) {
        NotificationService.CaseContact c = tokens.caseOf(token, Instant.now()).flatMap(cases::contact)
                .orElseThrow(() -> ProblemException.notFound("The status page"));
        String supported = ApplicantTexts.supported(c.language());
        String language = supported == null ? ApplicantTexts.BINDING : supported;
        String stage = texts.text(language, "stage." + c.status(), Map.of());
        String next = texts.text(language, "next." + c.status(), Map.of());
        Map<String, String> labels = new LinkedHashMap<>();
        for (String key : List.of("title", "stage", "missing", "next", "case-number", "office")) {
            labels.put(key, texts.text(language, "page." + key, Map.of()));
        }
        return new StatusResponse(c.caseId(), c.caseType(), c.officeId(), c.status(), stage == null ? c.status()
                : stage, c.missingItems(), next, language, ApplicantTexts.direction(language), labels);
    }
}
