package de.fallnetz.contracts.cases;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/cases} (gateway) and {@code POST /cases} (case service). */
@Schema(description = "A new case at an immigration office")
public record OpenCaseRequest(
        @Schema(description = "Case type code from the catalogue (GET /api/case-types)", examples = "BLUE_CARD",
                required = true)
        @NotNull @Pattern(regexp = "[A-Z][A-Z0-9_]{1,39}", message = "must be an upper-case case type code such as BLUE_CARD")
        String caseType,
        @Schema(description = "Immigration office (ABH) that owns the case. Left out, the case is routed by the postal "
                + "code in the application data; given, it must be the competent office or one of the candidates",
                examples = "abh-berlin")
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,39}", message = "must be an office ID of lower-case letters, digits and dashes")
        String officeId,
        @Schema(description = "Who opens the case: APPLICANT (default), EMPLOYER or REPRESENTATIVE (power of attorney)",
                examples = "APPLICANT")
        @Pattern(regexp = "APPLICANT|EMPLOYER|REPRESENTATIVE", message = "must be APPLICANT, EMPLOYER or REPRESENTATIVE")
        String openedBy,
        @Schema(description = "The employer or representative acting for the applicant", examples = "Beispiel GmbH")
        @Size(max = 200)
        String onBehalfOf,
        @Schema(required = true)
        @NotNull @Valid
        ApplicantData applicant,
        @Schema(description = "The application data the case type needs (its fields in the catalogue)")
        Map<String, Object> application,
        @Schema(description = "Place name, to decide a postal code that spans several districts", examples = "Berlin")
        @Size(max = 100)
        String municipality,
        @Schema(description = "A case this one belongs to, e.g. the skilled worker's case for family members "
                + "under §81a(4) AufenthG")
        @Pattern(regexp = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", message = "must be a case ID")
        String relatedCaseId) {

    public OpenCaseRequest(String caseType, String officeId, ApplicantData applicant) {
        this(caseType, officeId, null, null, applicant, null, null, null);
    }

    public Map<String, Object> applicationOrEmpty() {
        return application == null ? Map.of() : application;
    }
}
