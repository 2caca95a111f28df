package de.fallnetz.relocation.api;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A revocation, effective at once.
 *
 * @param revokedBy {@code APPLICANT} (the applicant told the office) or {@code OFFICE}
 * @param reason why
 */
public record RevokePowerOfAttorneyRequest(
        @NotBlank @Pattern(regexp = "APPLICANT|OFFICE") @Schema(example = "APPLICANT") String revokedBy,
        @NotBlank @Schema(example = "Die Antragstellerin hat die Vollmacht schriftlich widerrufen") String reason) {
}
