package de.fallnetz.contracts.cases;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /api/cases} (gateway) and {@code POST /cases} (case service). */
@Schema(description = "A new case at an immigration office")
public record OpenCaseRequest(
        @Schema(description = "Case type code", examples = "BLUE_CARD", required = true)
        @NotNull @Pattern(regexp = "[A-Z][A-Z0-9_]{1,39}", message = "must be an upper-case case type code such as BLUE_CARD")
        String caseType,
        @Schema(description = "Immigration office (ABH) that owns the case", examples = "abh-berlin", required = true)
        @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,39}", message = "must be an office ID of lower-case letters, digits and dashes")
        String officeId,
        @Schema(required = true)
        @NotNull @Valid
        ApplicantData applicant) {
}
